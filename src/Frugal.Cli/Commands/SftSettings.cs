using System.ComponentModel;
using Frugal.Alignment;
using Frugal.Schedules;
using Frugal.Text;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Frugal.Cli.Commands;

/// <summary>`frugal sft`: unset options take <see cref="SftConfig"/>'s defaults.</summary>
public sealed class SftSettings : LmTrainSettings
{
    [CommandOption("--model <DIR>")]
    [Description("Model directory to start from; it is never modified. Required.")]
    public string? Model { get; init; }

    [CommandOption("--data <FILE>")]
    [Description("JSON Lines in TRL's prompt-completion, messages (conversational) or text format. Required.")]
    public string? Data { get; init; }

    [CommandOption("--eval-data <FILE>")]
    [Description("Held-out examples in the same formats: eval_loss and eval_mean_token_accuracy each epoch.")]
    public string? EvalData { get; init; }

    [CommandOption("--epochs <E>")]
    [Description("Passes over the data (default 2).")]
    public double? Epochs { get; init; }

    [CommandOption("--min-steps <N>")]
    [Description("At least this many optimizer steps, whatever the epochs give (default 0).")]
    public int? MinSteps { get; init; }

    [CommandOption("--lr <LR>")]
    [Description("Peak learning rate (default 5e-5).")]
    public double? Lr { get; init; }

    [CommandOption("--batch-size <B>")]
    [Description("Sequences per step (default 16).")]
    public int? BatchSize { get; init; }

    [CommandOption("--loss-on <WHICH>")]
    [Description("completion (default: prompt tokens carry no loss) or all.")]
    public string LossOnName { get; init; } = "completion";

    [CommandOption("--packing")]
    [Description("Join examples into sequences of up to --max-length ids.")]
    public bool Packing { get; init; }

    [CommandOption("--schedule <PROFILE>")]
    [Description("Learning-rate profile (default cosine).")]
    public string Schedule { get; init; } = "cosine";

    [CommandOption("--warmup-ratio <W>")]
    [Description("Share of the steps spent warming up linearly (default 0.1).")]
    public double? WarmupRatio { get; init; }

    [CommandOption("--max-length <N>")]
    [Description("Longest sequence in tokens (default: the model's context length); longer ones are truncated.")]
    public int? MaxLength { get; init; }

    public override ValidationResult Validate()
    {
        var problems = new List<string>();
        ToConfig(problems);
        return problems.Count == 0 ? ValidationResult.Success() : ValidationResult.Error(string.Join("; ", problems));
    }

    public SftConfig ToConfig(List<string> problems)
    {
        AddCommonProblems(problems);
        var defaults = new SftConfig();
        if (!EnumNames.TryParse<LossOn>(LossOnName, out var lossOn))
            problems.Add($"--loss-on: unknown choice '{LossOnName}'; expected one of {EnumNames.List<LossOn>()}");
        if (!ProfileKinds.TryParse(Schedule, out var schedule))
            problems.Add($"--schedule: unknown profile '{Schedule}': expected one of {ProfileKinds.NameList}");
        var config = defaults with
        {
            Model = Model ?? "",
            Data = Data ?? "",
            EvalData = EvalData,
            Epochs = Epochs ?? defaults.Epochs,
            MinSteps = MinSteps ?? defaults.MinSteps,
            Lr = Lr ?? defaults.Lr,
            BatchSize = BatchSize ?? defaults.BatchSize,
            LossOn = lossOn,
            Packing = Packing,
            Schedule = schedule,
            WarmupRatio = WarmupRatio ?? defaults.WarmupRatio,
            MaxLength = MaxLength,
            Seed = Seed ?? defaults.Seed,
            LoggingSteps = LoggingSteps ?? defaults.LoggingSteps,
            CheckpointEvery = CheckpointEvery ?? defaults.CheckpointEvery,
        };
        if (problems.Count == 0) problems.AddRange(config.Validate());
        return config;
    }
}
