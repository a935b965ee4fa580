using System.ComponentModel;
using Frugal.Models;
using Frugal.Schedules;
using Frugal.Training;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Frugal.Cli.Commands;

/// <summary>`frugal train`: one budgeted run; unset options take <see cref="TrainConfig"/>'s defaults.</summary>
public sealed class TrainSettings : CommandSettings
{
    [CommandOption("--data <SOURCE>")]
    [Description("fashion-mnist (Debian's dataset-fashion-mnist), fashion-mnist:DIR or mnist:DIR.")]
    public string Data { get; init; } = "fashion-mnist";

    [CommandOption("--model <MODEL>")]
    [Description("mlp, cnn, resnet or vae.")]
    public string Model { get; init; } = "mlp";

    [CommandOption("--optimizer <OPTIMIZER>")]
    [Description("sgdm (momentum 0.9), adam or adamw.")]
    public string Optimizer { get; init; } = "sgdm";

    [CommandOption("--lr <LR>")]
    [Description("Peak learning rate (required).")]
    public double? Lr { get; init; }

    [CommandOption("--schedule <PROFILE>")]
    [Description("A profile (rex, linear, cosine, step, ..., plateau). Default rex.")]
    public string Schedule { get; init; } = "rex";

    [CommandOption("--budget <FRACTION>")]
    [Description("Fraction of the full epoch count to train for, in (0, 1]] (required).")]
    public double? Budget { get; init; }

    [CommandOption("--full-epochs <E>")]
    [Description("The 100% budget in epochs (required).")]
    public double? FullEpochs { get; init; }

    [CommandOption("--batch-size <B>")]
    public int? BatchSize { get; init; }

    [CommandOption("--seed <S>")]
    public int? Seed { get; init; }

    [CommandOption("--sample-every <K>")]
    [Description("Re-read the schedule every K steps (default 1: every iteration).")]
    public int? SampleEvery { get; init; }

    [CommandOption("--warmup <W>")]
    public int? Warmup { get; init; }

    [CommandOption("--momentum <M>")]
    public double? Momentum { get; init; }

    [CommandOption("--nesterov")]
    public bool Nesterov { get; init; }

    [CommandOption("--weight-decay <WD>")]
    public double? WeightDecay { get; init; }

    [CommandOption("--validation <FRACTION>")]
    [Description("Share of the training set held out for validation (default 0.1).")]
    public double? Validation { get; init; }

    [CommandOption("--threads <N>")]
    [Description("libtorch threads (default: all cores).")]
    public int? Threads { get; init; }

    [CommandOption("--store <PATH>")]
    [Description("Also record the run, its config, result and metric series, in this SQLite run store.")]
    public string? Store { get; init; }

    [CommandOption("--checkpoint <DIR>")]
    [Description("Write a checkpoint here at epoch ends and every --checkpoint-every steps.")]
    public string? Checkpoint { get; init; }

    [CommandOption("--checkpoint-every <STEPS>")]
    public int? CheckpointEvery { get; init; }

    [CommandOption("--resume")]
    [Description("Continue from the checkpoint in --checkpoint DIR (same options required).")]
    public bool Resume { get; init; }

    [CommandOption("--json")]
    [Description("End with one JSON line: test_error, test_loss, epochs, steps, seconds.")]
    public bool Json { get; init; }

    public override ValidationResult Validate()
    {
        var problems = new List<string>();
        ToConfig(problems);
        return problems.Count == 0 ? ValidationResult.Success() : ValidationResult.Error(string.Join("; ", problems));
    }

    public TrainConfig ToConfig(List<string> problems)
    {
        var defaults = new TrainConfig();
        if (!EnumNames.TryParse<ModelKind>(Model, out var model))
            problems.Add($"--model: unknown model '{Model}': expected one of {EnumNames.List<ModelKind>()}");
        else if (model.IsLanguageModel())
            problems.Add($"--model {Model}: `frugal train` trains the image models; pretrain a GPT with `frugal lm pretrain` (or in `frugal study rex`)");
        if (!EnumNames.TryParse<OptimizerKind>(Optimizer, out var optimizer))
            problems.Add($"--optimizer: unknown optimizer '{Optimizer}': expected one of {EnumNames.List<OptimizerKind>()}");
        if (!ProfileKinds.TryParse(Schedule, out var schedule))
            problems.Add($"--schedule: unknown profile '{Schedule}': expected one of {ProfileKinds.NameList}");
        if (Lr is null) problems.Add("--lr is required: the peak learning rate");
        if (Budget is null) problems.Add("--budget is required: a fraction in (0, 1] of --full-epochs");
        if (FullEpochs is null) problems.Add("--full-epochs is required: the epoch count of a 100% budget");
        if (Threads < 0) problems.Add($"--threads must be >= 0, got {Threads}");
        if (CheckpointEvery < 0) problems.Add($"--checkpoint-every must be >= 0, got {CheckpointEvery}");
        if (Resume && Checkpoint is null) problems.Add("--resume needs --checkpoint DIR");
        var config = defaults with
        {
            Data = Data,
            Model = model,
            Optimizer = optimizer,
            Schedule = schedule,
            Lr = Lr ?? defaults.Lr,
            Budget = Budget ?? defaults.Budget,
            FullEpochs = FullEpochs ?? defaults.FullEpochs,
            BatchSize = BatchSize ?? defaults.BatchSize,
            Seed = Seed ?? defaults.Seed,
            SampleEvery = SampleEvery ?? defaults.SampleEvery,
            WarmupSteps = Warmup ?? defaults.WarmupSteps,
            Momentum = Momentum ?? defaults.Momentum,
            Nesterov = Nesterov,
            WeightDecay = WeightDecay ?? defaults.WeightDecay,
            ValidationFraction = Validation ?? defaults.ValidationFraction,
        };
        if (problems.Count == 0) problems.AddRange(config.Validate());
        return config;
    }
}
