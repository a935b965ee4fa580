using System.Text.Json;
using System.Text.Json.Nodes;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace Frugal.Models;

/// <summary>
/// A trained GPT on disk, laid out like a Hugging Face model directory: config.json (the <see cref="GptConfig"/>
/// with "model_type": "frugal-gpt") and model.safetensors (the state_dict). Files are written to a temporary
/// name and renamed, so a crash never leaves half a file under the real name; weights go first, so a
/// config.json means the directory is complete.
/// </summary>
public static class ModelDirectory
{
    public const string ConfigFile = "config.json";
    public const string WeightsFile = "model.safetensors";
    public const string ModelType = "frugal-gpt";

    /// <summary>snake_case keys as in Hugging Face configs; enums by name as everywhere in Frugal.</summary>
    private static readonly JsonSerializerOptions Json = new(FrugalJson.Options)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
    };

    /// <param name="overwrite">Replace config.json and model.safetensors if the directory already has them.</param>
    public static void Save(string directory, Gpt model, bool overwrite = false)
    {
        Directory.CreateDirectory(directory);
        var configPath = Path.Combine(directory, ConfigFile);
        var weightsPath = Path.Combine(directory, WeightsFile);
        if (!overwrite && new[] { weightsPath, configPath }.FirstOrDefault(File.Exists) is { } existing)
            throw new BadInputException($"{existing}: already exists; choose another directory or overwrite it");

        AtomicFile.Write(weightsPath, temporary => model.save_safetensors(temporary));
        var config = JsonSerializer.SerializeToNode(model.Config, Json)!.AsObject();
        config.Insert(0, "model_type", ModelType);
        AtomicFile.WriteAllText(configPath, config.ToJsonString(Json) + "\n");
    }

    /// <summary>Builds the config's model and fills it from model.safetensors, after checking every tensor.</summary>
    public static Gpt Load(string directory)
    {
        var model = new Gpt(ReadConfig(directory));
        var weightsPath = Path.Combine(directory, WeightsFile);
        if (!File.Exists(weightsPath)) throw new BadInputException($"{weightsPath}: not found");

        using var scope = NewDisposeScope();
        Dictionary<string, Tensor> loaded;
        try
        {
            loaded = Safetensors.LoadStateDict(weightsPath);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new BadInputException($"{weightsPath}: not a readable safetensors file ({e.Message})");
        }

        var problems = Mismatches(model.state_dict(), loaded).ToList();
        if (problems.Count > 0) throw new BadInputException($"{weightsPath}: {string.Join("; ", problems)}");
        model.load_state_dict(loaded);
        return model;
    }

    /// <summary>config.json of a model directory, validated.</summary>
    public static GptConfig ReadConfig(string directory)
    {
        var path = Path.Combine(directory, ConfigFile);
        if (!File.Exists(path)) throw new BadInputException($"{path}: not found; a model directory holds {ConfigFile} and {WeightsFile}");
        GptConfig config;
        try
        {
            var node = JsonNode.Parse(File.ReadAllText(path))?.AsObject()
                ?? throw new BadInputException($"{path}: expected a JSON object");
            var modelType = node["model_type"]?.GetValue<string>();
            if (modelType != ModelType) throw new BadInputException($"{path}: model_type is '{modelType}', expected '{ModelType}'");
            config = node.Deserialize<GptConfig>(Json)!;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw new BadInputException($"{path}: {e.Message}");
        }
        var problems = config.Validate().ToList();
        if (problems.Count > 0) throw new BadInputException($"{path}: {string.Join("; ", problems)}");
        return config;
    }

    /// <summary>Every tensor the file lacks, has in another shape or dtype, or has beyond the config's model.</summary>
    private static IEnumerable<string> Mismatches(Dictionary<string, Tensor> expected, Dictionary<string, Tensor> found)
    {
        foreach (var (name, tensor) in expected)
        {
            if (!found.TryGetValue(name, out var actual))
                yield return $"tensor '{name}' is missing, the config expects shape {Shape(tensor)}";
            else if (!actual.shape.SequenceEqual(tensor.shape))
                yield return $"tensor '{name}' has shape {Shape(actual)}, the config expects {Shape(tensor)}";
            else if (actual.dtype != tensor.dtype)
                yield return $"tensor '{name}' has dtype {actual.dtype}, the model expects {tensor.dtype}";
        }
        foreach (var name in found.Keys.Where(name => !expected.ContainsKey(name)))
            yield return $"tensor '{name}' is not part of the config's model";
    }

    private static string Shape(Tensor tensor) => $"[{string.Join(",", tensor.shape)}]";
}
