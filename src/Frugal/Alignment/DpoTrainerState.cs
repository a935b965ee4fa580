using System.Text.Json;
using System.Text.Json.Nodes;
using Frugal.Training;

namespace Frugal.Alignment;

/// <summary>
/// A DPO run's trainer_state.json: Hugging Face's fields through <see cref="TrainerStateFile"/>, plus the run's
/// status and full config, so a DPO output directory reads like a TRL one and records how it was made.
/// </summary>
public static class DpoTrainerState
{
    public const string FileName = TrainerStateFile.FileName;

    private static readonly JsonSerializerOptions ConfigJson = new(FrugalJson.Options) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static JsonObject ToJson(DpoResult result, DpoConfig config, int trainPairs) =>
        TrainerStateFile.ToJson(State(result, config), Extra(result, config, trainPairs));

    public static void Write(string directory, DpoResult result, DpoConfig config, int trainPairs) =>
        TrainerStateFile.Write(directory, State(result, config), Extra(result, config, trainPairs));

    private static HfTrainerState State(DpoResult result, DpoConfig config) => new(
        GlobalStep: result.Steps,
        MaxSteps: result.MaxSteps,
        Epoch: Math.Round(result.Epochs, 4),
        NumTrainEpochs: config.Epochs,
        LoggingSteps: config.LoggingSteps,
        EvalSteps: config.EvalSteps,
        SaveSteps: null,
        TrainBatchSize: config.BatchSize,
        LogHistory: [.. result.LogHistory.Select(e => TrainerStateFile.LogEntry(
            (int)e["step"], e["epoch"], e.Where(m => m.Key is not ("step" or "epoch"))))]);

    private static Dictionary<string, JsonNode?> Extra(DpoResult result, DpoConfig config, int trainPairs) => new()
    {
        ["train_pairs"] = trainPairs,
        ["status"] = result.Status,
        ["seconds"] = Math.Round(result.Seconds, 3),
        ["dpo_config"] = JsonSerializer.SerializeToNode(config, ConfigJson),
    };
}
