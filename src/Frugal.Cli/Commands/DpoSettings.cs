using System.ComponentModel;
using Frugal.Alignment;
using Frugal.Schedules;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Frugal.Cli.Commands;

/// <summary>`frugal dpo`: unset options take <see cref="DpoConfig"/>'s defaults.</summary>
public sealed class DpoSettings : CommandSettings
{
    [CommandOption("--model <DIR>")]
    [Description("The model to train (config.json, model.safetensors, tokenizer.json); also the frozen reference unless --ref.")]
    public string? Model { get; init; }

    [CommandOption("--ref <DIR>")]
    [Description("A reference model directory (same tokenizer). Default: the starting model, frozen.")]
    public string? Ref { get; init; }

    [CommandOption("--data <FILE>")]
    [Description("Preference pairs, JSON Lines {\"prompt\",\"chosen\",\"rejected\"} (strings or conversations; optional ref_chosen_logps, ref_rejected_logps).")]
    public string? Data { get; init; }

    [CommandOption("--eval-data <FILE>")]
    [Description("Held-out pairs: eval_ metrics at the end (and every --eval-steps).")]
    public string? EvalData { get; init; }

    [CommandOption("--out <DIR>")]
    [Description("Where the trained model goes; must not exist or be empty.")]
    public string? Out { get; init; }

    [CommandOption("--beta <BETA>")]
    [Description("DPO's beta (IPO's tau). Default 0.1.")]
    public double? Beta { get; init; }

    [CommandOption("--loss <LOSS>")]
    [Description("TRL's loss_type: sigmoid (default), ipo, hinge, robust, sigmoid_norm, ...; an unknown name lists them all.")]
    public string Loss { get; init; } = "sigmoid";

    [CommandOption("--label-smoothing <EPS>")]
    public double? LabelSmoothing { get; init; }

    [CommandOption("--epochs <E>")]
    [Description("Passes over the data (default 2).")]
    public double? Epochs { get; init; }

    [CommandOption("--min-steps <N>")]
    [Description("Take at least N optimizer steps, whatever --epochs gives.")]
    public int? MinSteps { get; init; }

    [CommandOption("--lr <LR>")]
    [Description("Peak learning rate (default 5e-6), cosine with 10% warmup.")]
    public double? Lr { get; init; }

    [CommandOption("--schedule <PROFILE>")]
    [Description("Learning-rate profile (default cosine).")]
    public string Schedule { get; init; } = "cosine";

    [CommandOption("--batch-size <B>")]
    [Description("Pairs a step (default 16).")]
    public int? BatchSize { get; init; }

    [CommandOption("--max-length <N>")]
    [Description("Longest prompt + answer in tokens (default: the model's context length); longer pairs are truncated.")]
    public int? MaxLength { get; init; }

    [CommandOption("--logging-steps <N>")]
    public int? LoggingSteps { get; init; }

    [CommandOption("--eval-steps <N>")]
    [Description("Evaluate every N steps (default 0: only at the end).")]
    public int? EvalSteps { get; init; }

    [CommandOption("--no-precompute-ref")]
    [Description("Run the reference forward every step instead of scoring the data once (and caching it next to the data).")]
    public bool NoPrecomputeRef { get; init; }

    [CommandOption("--seed <S>")]
    public int? Seed { get; init; }

    [CommandOption("--threads <N>")]
    [Description("libtorch threads (default 0: all cores).")]
    public int? Threads { get; init; }

    [CommandOption("--json")]
    [Description("End with one JSON line: the final metrics, status, steps, seconds.")]
    public bool Json { get; init; }

    public override ValidationResult Validate()
    {
        var problems = new List<string>();
        ToConfig(problems);
        return problems.Count == 0 ? ValidationResult.Success() : ValidationResult.Error(string.Join("; ", problems));
    }

    public DpoConfig ToConfig(List<string> problems)
    {
        var defaults = new DpoConfig();
        if (Model is null) problems.Add("--model is required: the model directory to train");
        if (Data is null) problems.Add("--data is required: a JSON Lines file of preference pairs");
        if (Out is null) problems.Add("--out is required: a new directory for the trained model");
        if (!EnumNames.TryParse<DpoLossKind>(Loss, out var loss))
            problems.Add($"--loss: unknown DPO loss '{Loss}'; expected one of {EnumNames.List<DpoLossKind>()}");
        if (!ProfileKinds.TryParse(Schedule, out var schedule))
            problems.Add($"--schedule: unknown profile '{Schedule}'; expected one of {ProfileKinds.NameList}");
        if (Threads < 0) problems.Add($"--threads must be >= 0, got {Threads}");
        var config = defaults with
        {
            Loss = new DpoOptions(Beta ?? defaults.Loss.Beta, LabelSmoothing ?? defaults.Loss.LabelSmoothing, loss),
            Epochs = Epochs ?? defaults.Epochs,
            MinSteps = MinSteps ?? defaults.MinSteps,
            Lr = Lr ?? defaults.Lr,
            Schedule = schedule,
            BatchSize = BatchSize ?? defaults.BatchSize,
            MaxLength = MaxLength,
            LoggingSteps = LoggingSteps ?? defaults.LoggingSteps,
            EvalSteps = EvalSteps ?? defaults.EvalSteps,
            PrecomputeRef = !NoPrecomputeRef,
            Seed = Seed ?? defaults.Seed,
        };
        if (problems.Count == 0) problems.AddRange(config.Validate());
        return config;
    }
}
