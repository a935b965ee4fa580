using System.ComponentModel;
using Frugal.Evaluation;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Frugal.Cli.Commands;

/// <summary>What `generate` and `eval` share: the model directory, how to decode, and libtorch's threads.</summary>
public abstract class GenerateSamplingSettings : CommandSettings
{
    [CommandOption("--model <DIR>")]
    [Description("Model directory: config.json, model.safetensors, tokenizer.json (required).")]
    public string? Model { get; init; }

    [CommandOption("--temperature <T>")]
    [Description("0 (default) decodes greedily; above 0 samples from softmax(logits / T).")]
    public double? Temperature { get; init; }

    [CommandOption("--top-p <P>")]
    [Description("Nucleus sampling: sample among the most likely tokens holding mass P. Default 1 (all).")]
    public double? TopP { get; init; }

    [CommandOption("--stop <TEXT>")]
    [Description("End generation when the answer contains TEXT, and cut it there; repeatable.")]
    public string[]? Stop { get; init; }

    [CommandOption("--seed <S>")]
    [Description("Seed for sampling (default 0); greedy decoding ignores it.")]
    public ulong? Seed { get; init; }

    [CommandOption("--threads <T>")]
    [Description("libtorch threads (default: all cores).")]
    public int? Threads { get; init; }

    protected abstract int DefaultMaxTokens { get; }

    protected abstract int? MaxTokensOption { get; }

    public SamplingOptions Sampling => new()
    {
        MaxNewTokens = MaxTokensOption ?? DefaultMaxTokens,
        Temperature = Temperature ?? 0,
        TopP = TopP ?? 1,
        StopStrings = Stop ?? [],
        Seed = Seed ?? 0,
    };

    public override ValidationResult Validate()
    {
        var problems = Problems().ToList();
        return problems.Count == 0 ? ValidationResult.Success() : ValidationResult.Error(string.Join("; ", problems));
    }

    /// <summary>Every problem with the options, for one error line.</summary>
    protected virtual IEnumerable<string> Problems()
    {
        if (string.IsNullOrEmpty(Model)) yield return "--model DIR is required: a model directory (config.json, model.safetensors)";
        foreach (var problem in Sampling.Validate()) yield return problem;
        if (Threads < 0) yield return $"--threads must be >= 0 (0 = all cores), got {Threads}";
    }

    /// <summary>Sets libtorch's threads when asked and loads the model; a bad directory is bad input.</summary>
    public LanguageModel LoadModel()
    {
        if (Threads > 0) TorchSharp.torch.set_num_threads(Threads.Value);
        return LanguageModel.Load(Model!);
    }
}
