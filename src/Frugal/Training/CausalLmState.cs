using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Frugal.Training;

/// <summary>
/// One entry of trainer_state.json's log_history: the step, the (fractional) epoch and metrics named as TRL
/// names them (loss, mean_token_accuracy, num_tokens, learning_rate, grad_norm; eval_ for held-out ones).
/// </summary>
public sealed record LmLogEntry(int Step, double Epoch, IReadOnlyDictionary<string, double> Metrics)
{
    [JsonIgnore] public bool IsEval => Metrics.Keys.Any(k => k.StartsWith("eval_", StringComparison.Ordinal));

    public double? this[string metric] => Metrics.TryGetValue(metric, out var value) ? value : null;

    public JsonObject ToJson() => TrainerStateFile.LogEntry(Step, Epoch, Metrics);
}

/// <summary>
/// Where a language-model run stands after <see cref="Step"/> steps: with the model, the optimizer and torch's
/// RNG (in the checkpoint next to it) enough to continue bit for bit. The data position is the step itself,
/// because batch t is a pure function of (seed, t).
/// </summary>
public sealed record CausalLmState(
    int Step,
    long NumTokens,
    double WindowLoss,
    double WindowAccuracy,
    int WindowSteps,
    double LossSum,
    double TrainSeconds,
    double Seconds,
    IReadOnlyList<LmLogEntry> LogHistory)
{
    public static CausalLmState Start { get; } = new(0, 0, 0, 0, 0, 0, 0, 0, []);

    /// <summary>What trainer_state.json records of this point of the run.</summary>
    public HfTrainerState ToTrainerState(CausalLmConfig config) => new(
        GlobalStep: Step,
        MaxSteps: config.TotalSteps,
        Epoch: (double)Step / config.StepsPerEpoch,
        NumTrainEpochs: Math.Ceiling((double)config.TotalSteps / config.StepsPerEpoch),
        LoggingSteps: config.LoggingSteps,
        EvalSteps: config.EvalEvery,
        SaveSteps: config.CheckpointEvery,
        TrainBatchSize: config.BatchSize,
        LogHistory: [.. LogHistory.Select(e => e.ToJson())]);
}
