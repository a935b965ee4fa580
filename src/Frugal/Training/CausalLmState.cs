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

    public JsonObject ToJson()
    {
        var json = new JsonObject { ["step"] = Step, ["epoch"] = Math.Round(Epoch, 6) };
        foreach (var (name, value) in Metrics) json[name] = double.IsFinite(value) ? JsonValue.Create(value) : null;
        return json;
    }
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
}
