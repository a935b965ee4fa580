using System.Text.Json;
using System.Text.Json.Nodes;

namespace Frugal.Alignment;

/// <summary>
/// trainer_state.json in Hugging Face's shape (global_step, max_steps, num_train_epochs, log_history, ...), plus the
/// run's status and full config, so a DPO output directory reads like a TRL one and records how it was made.
/// </summary>
public static class DpoTrainerState
{
    public const string FileName = "trainer_state.json";

    private static readonly JsonSerializerOptions Json = new(FrugalJson.Options)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
    };

    public static JsonObject ToJson(DpoResult result, DpoConfig config, int trainPairs)
    {
        var history = new JsonArray();
        foreach (var entry in result.LogHistory)
        {
            var item = new JsonObject();
            foreach (var (name, value) in entry)
                item[name] = name == "step" ? JsonValue.Create((int)value) : double.IsFinite(value) ? JsonValue.Create(value) : JsonValue.Create(value.ToString(System.Globalization.CultureInfo.InvariantCulture));
            history.Add(item);
        }
        return new JsonObject
        {
            ["global_step"] = result.Steps,
            ["max_steps"] = result.MaxSteps,
            ["epoch"] = Math.Round(result.Epochs, 4),
            ["num_train_epochs"] = config.Epochs,
            ["train_batch_size"] = config.BatchSize,
            ["logging_steps"] = config.LoggingSteps,
            ["eval_steps"] = config.EvalSteps,
            ["train_pairs"] = trainPairs,
            ["status"] = result.Status,
            ["seconds"] = Math.Round(result.Seconds, 3),
            ["log_history"] = history,
            ["dpo_config"] = JsonSerializer.SerializeToNode(config, Json),
        };
    }

    /// <summary>Writes the file to a temporary name and renames it, so a crash never leaves half of it.</summary>
    public static void Write(string directory, DpoResult result, DpoConfig config, int trainPairs)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, FileName);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            File.WriteAllText(temporary, ToJson(result, config, trainPairs).ToJsonString(Json) + "\n");
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
