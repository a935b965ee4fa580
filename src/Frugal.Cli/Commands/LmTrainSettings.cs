using System.ComponentModel;
using Spectre.Console.Cli;

namespace Frugal.Cli.Commands;

/// <summary>The options every language-model trainer shares: where the model goes, and how to run.</summary>
public abstract class LmTrainSettings : CommandSettings
{
    [CommandOption("--out <DIR>")]
    [Description("Model directory to write (config.json, model.safetensors, tokenizer.json, trainer_state.json, checkpoint.bin). Required.")]
    public string? Out { get; init; }

    [CommandOption("--overwrite")]
    [Description("Replace what a non-empty --out holds.")]
    public bool Overwrite { get; init; }

    [CommandOption("--resume")]
    [Description("Continue the run whose checkpoint is in --out (same options and data).")]
    public bool Resume { get; init; }

    [CommandOption("--seed <S>")]
    public int? Seed { get; init; }

    [CommandOption("--threads <T>")]
    [Description("libtorch threads; 0 = all cores (default).")]
    public int? Threads { get; init; }

    [CommandOption("--logging-steps <N>")]
    [Description("Log the training metrics every N steps (default 10).")]
    public int? LoggingSteps { get; init; }

    [CommandOption("--checkpoint-every <N>")]
    [Description("Save a checkpoint every N steps, and always at the end (default 200).")]
    public int? CheckpointEvery { get; init; }

    [CommandOption("--json")]
    [Description("End stdout with one JSON object of the final metrics.")]
    public bool Json { get; init; }

    protected void AddCommonProblems(List<string> problems)
    {
        if (string.IsNullOrEmpty(Out)) problems.Add("--out is required: the model directory to write");
        if (Threads < 0) problems.Add($"--threads must be >= 0, got {Threads}");
        if (Overwrite && Resume) problems.Add("--overwrite and --resume contradict each other: start again, or continue the run");
    }
}
