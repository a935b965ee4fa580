using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Frugal.Training;

/// <summary>
/// trainer_state.json in Hugging Face's shape, so tools that read a Trainer's output directory read Frugal's:
/// global_step, max_steps, epoch, num_train_epochs, logging/eval/save steps, train_batch_size, log_history,
/// then whatever a trainer adds. Written atomically (temporary file, then rename). Both the language-model
/// trainer (pretraining, SFT) and the DPO trainer write it here.
/// </summary>
public static class TrainerStateFile
{
    public const string FileName = "trainer_state.json";

    private static readonly JsonSerializerOptions Indented = new(FrugalJson.Options) { WriteIndented = true };

    public static string PathIn(string directory) => Path.Combine(directory, FileName);

    /// <param name="extra">Trainer-specific fields, written after Hugging Face's and before log_history.</param>
    public static JsonObject ToJson(HfTrainerState state, IEnumerable<KeyValuePair<string, JsonNode?>>? extra = null)
    {
        var json = new JsonObject
        {
            ["global_step"] = state.GlobalStep,
            ["max_steps"] = state.MaxSteps,
            ["epoch"] = Math.Round(state.Epoch, 6),
            ["num_train_epochs"] = state.NumTrainEpochs,
            ["logging_steps"] = state.LoggingSteps,
            ["eval_steps"] = state.EvalSteps,
        };
        if (state.SaveSteps is { } saveSteps) json["save_steps"] = saveSteps;
        json["train_batch_size"] = state.TrainBatchSize;
        foreach (var (name, value) in extra ?? []) json[name] = value;
        json["log_history"] = new JsonArray([.. state.LogHistory.Select(e => (JsonNode)e.DeepClone())]);
        return json;
    }

    /// <summary>Writes the file to a temporary name and renames it, so a crash never leaves half of it.</summary>
    public static void Write(string directory, HfTrainerState state, IEnumerable<KeyValuePair<string, JsonNode?>>? extra = null)
    {
        Directory.CreateDirectory(directory);
        AtomicFile.WriteAllText(PathIn(directory), ToJson(state, extra).ToJsonString(Indented) + "\n");
    }

    /// <summary>The directory's trainer_state.json; a missing or unreadable one is bad input naming the file.</summary>
    public static JsonObject Read(string directory)
    {
        var path = PathIn(directory);
        if (!File.Exists(path)) throw new BadInputException($"{path}: no such file; expected the trainer_state.json of a finished or checkpointed run");
        try
        {
            return JsonNode.Parse(File.ReadAllText(path)) as JsonObject
                ?? throw new BadInputException($"{path}: expected a JSON object");
        }
        catch (JsonException e)
        {
            throw new BadInputException($"{path}: not valid JSON ({e.Message})");
        }
    }

    /// <summary>
    /// One log_history entry: step, epoch, then the metrics. A non-finite metric (a diverged loss) is written as
    /// the string "NaN" or "Infinity", as <see cref="FrugalJson"/> reads it back, since JSON has no such numbers.
    /// </summary>
    public static JsonObject LogEntry(int step, double epoch, IEnumerable<KeyValuePair<string, double>> metrics)
    {
        var json = new JsonObject { ["step"] = step, ["epoch"] = Math.Round(epoch, 6) };
        foreach (var (name, value) in metrics)
            json[name] = double.IsFinite(value) ? JsonValue.Create(value) : JsonValue.Create(value.ToString(CultureInfo.InvariantCulture));
        return json;
    }
}
