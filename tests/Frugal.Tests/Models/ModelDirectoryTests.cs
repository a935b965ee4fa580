using System.Text.Json.Nodes;
using Frugal.Models;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace Frugal.Tests.Models;

public sealed class ModelDirectoryTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("frugal-model-dir-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Dir(string name) => Path.Combine(_root, name);

    private static GptConfig Config => GptSteps.Tiny() with { Mlp = GptMlpKind.SwiGlu, Norm = GptNormKind.RmsNorm, TiedEmbeddings = false };

    [Fact]
    public void Save_then_load_gives_bitwise_equal_logits_and_the_same_config()
    {
        using var scope = NewDisposeScope();
        var model = new Gpt(Config);
        ModelDirectory.Save(Dir("m"), model);
        var loaded = ModelDirectory.Load(Dir("m"));
        Assert.Equal(model.Config, loaded.Config);
        var idx = randint(0, 32, [2, 16]);
        Assert.True(model.forward(idx).equal(loaded.forward(idx)).all().item<bool>());
        Assert.Equal(["config.json", "model.safetensors"], Directory.GetFiles(Dir("m")).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void Config_json_names_the_model_type_and_reads_like_a_hugging_face_config()
    {
        ModelDirectory.Save(Dir("m"), new Gpt(Config));
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(Dir("m"), "config.json")))!.AsObject();
        Assert.Equal("frugal-gpt", json["model_type"]!.GetValue<string>());
        Assert.Equal(32, json["vocab_size"]!.GetValue<int>());
        Assert.Equal("SwiGlu", json["mlp"]!.GetValue<string>());
        Assert.Equal("model_type", json.First().Key);
    }

    [Fact]
    public void An_existing_directory_is_kept_unless_overwrite_is_asked()
    {
        var first = new Gpt(Config);
        ModelDirectory.Save(Dir("m"), first);
        var second = new Gpt(Config with { Dim = 32 });
        var error = Assert.Throws<BadInputException>(() => ModelDirectory.Save(Dir("m"), second));
        Assert.Equal($"{Path.Combine(Dir("m"), "model.safetensors")}: already exists; choose another directory or overwrite it", error.Message);
        Assert.Equal(16, ModelDirectory.ReadConfig(Dir("m")).Dim);

        ModelDirectory.Save(Dir("m"), second, overwrite: true);
        Assert.Equal(32, ModelDirectory.Load(Dir("m")).Config.Dim);
        Assert.Equal(2, Directory.GetFiles(Dir("m")).Length);  // no temporary files left
    }

    /// <summary>Saves a model, then rewrites its weights file with an edited state_dict.</summary>
    private string SaveEdited(Action<Dictionary<string, Tensor>> edit)
    {
        var model = new Gpt(Config);
        ModelDirectory.Save(Dir("m"), model);
        var weights = new Dictionary<string, Tensor>(model.state_dict());
        edit(weights);
        var path = Path.Combine(Dir("m"), "model.safetensors");
        File.Delete(path);
        Safetensors.SaveStateDict(path, weights);
        return path;
    }

    [Fact]
    public void A_renamed_tensor_is_reported_as_missing_and_unexpected()
    {
        var path = SaveEdited(w =>
        {
            w["h.0.attn.c_attn.weights"] = w["h.0.attn.c_attn.weight"];
            w.Remove("h.0.attn.c_attn.weight");
        });
        var error = Assert.Throws<BadInputException>(() => ModelDirectory.Load(Dir("m")));
        Assert.Equal(
            $"{path}: tensor 'h.0.attn.c_attn.weight' is missing, the config expects shape [48,16]; tensor 'h.0.attn.c_attn.weights' is not part of the config's model",
            error.Message);
    }

    [Fact]
    public void A_tensor_of_the_wrong_shape_is_named_with_both_shapes()
    {
        var path = SaveEdited(w => w["h.1.mlp.c_fc.weight"] = zeros(40, 16));
        var error = Assert.Throws<BadInputException>(() => ModelDirectory.Load(Dir("m")));
        Assert.Equal($"{path}: tensor 'h.1.mlp.c_fc.weight' has shape [40,16], the config expects [96,16]", error.Message);
    }

    [Fact]
    public void A_missing_tensor_is_named()
    {
        var path = SaveEdited(w => w.Remove("lm_head.weight"));
        var error = Assert.Throws<BadInputException>(() => ModelDirectory.Load(Dir("m")));
        Assert.Equal($"{path}: tensor 'lm_head.weight' is missing, the config expects shape [32,16]", error.Message);
    }

    [Fact]
    public void A_config_that_disagrees_with_the_weights_is_caught_by_shape()
    {
        ModelDirectory.Save(Dir("m"), new Gpt(Config));
        var configPath = Path.Combine(Dir("m"), "config.json");
        File.WriteAllText(configPath, File.ReadAllText(configPath).Replace("\"layers\": 2", "\"layers\": 3"));
        var error = Assert.Throws<BadInputException>(() => ModelDirectory.Load(Dir("m")));
        Assert.StartsWith($"{Path.Combine(Dir("m"), "model.safetensors")}: tensor 'h.2.ln_1.weight' is missing", error.Message);
    }

    [Fact]
    public void Bad_config_files_are_named_with_what_is_wrong()
    {
        Directory.CreateDirectory(Dir("m"));
        var path = Path.Combine(Dir("m"), "config.json");
        Assert.Equal($"{path}: not found; a model directory holds config.json and model.safetensors",
            Assert.Throws<BadInputException>(() => ModelDirectory.Load(Dir("m"))).Message);

        File.WriteAllText(path, """{"model_type": "llama", "dim": 16}""");
        Assert.Equal($"{path}: model_type is 'llama', expected 'frugal-gpt'", Assert.Throws<BadInputException>(() => ModelDirectory.Load(Dir("m"))).Message);

        File.WriteAllText(path, """{"model_type": "frugal-gpt", "dim": 16, "heads": 3}""");
        Assert.Equal($"{path}: dim (16) must be divisible by heads (3)", Assert.Throws<BadInputException>(() => ModelDirectory.Load(Dir("m"))).Message);

        File.WriteAllText(path, """{"model_type": "frugal-gpt", "dim": "wide"}""");
        Assert.StartsWith($"{path}: ", Assert.Throws<BadInputException>(() => ModelDirectory.Load(Dir("m"))).Message);

        File.WriteAllText(path, """{"model_type": "frugal-gpt"}""");
        Assert.Equal($"{Path.Combine(Dir("m"), "model.safetensors")}: not found", Assert.Throws<BadInputException>(() => ModelDirectory.Load(Dir("m"))).Message);
    }
}
