using System.Text.Json;
using System.Text.Json.Nodes;

namespace Frugal.Training;

/// <summary>
/// trainer_state.json in Hugging Face's shape, so tools that read a Trainer's output directory read Frugal's:
/// global_step, max_steps, epoch, num_train_epochs, logging/eval/save steps, train_batch_size, log_history.
/// Written atomically (temporary file, then rename).
/// </summary>
public static class TrainerStateFile
{
    public const string FileName = "trainer_state.json";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string PathIn(string directory) => Path.Combine(directory, FileName);

    public static void Write(string directory, CausalLmConfig config, CausalLmState state)
    {
        Directory.CreateDirectory(directory);
        var json = new JsonObject
        {
            ["global_step"] = state.Step,
            ["max_steps"] = config.TotalSteps,
            ["epoch"] = Math.Round((double)state.Step / config.StepsPerEpoch, 6),
            ["num_train_epochs"] = (int)Math.Ceiling((double)config.TotalSteps / config.StepsPerEpoch),
            ["logging_steps"] = config.LoggingSteps,
            ["eval_steps"] = config.EvalEvery,
            ["save_steps"] = config.CheckpointEvery,
            ["train_batch_size"] = config.BatchSize,
            ["log_history"] = new JsonArray([.. state.LogHistory.Select(e => (JsonNode)e.ToJson())]),
        };
        var path = PathIn(directory);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            File.WriteAllText(temporary, json.ToJsonString(Indented) + "\n");
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
