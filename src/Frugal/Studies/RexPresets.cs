using Frugal.Models;
using Frugal.Schedules;
using Frugal.Training;

namespace Frugal.Studies;

/// <summary>The sizes of REX study `frugal study rex --preset` offers.</summary>
public enum RexPreset
{
    [System.ComponentModel.Description("smoke")] Smoke,
    [System.ComponentModel.Description("quick")] Quick,
    [System.ComponentModel.Description("paper")] Paper,
}

public static class RexPresets
{
    /// <summary>The paper's seven schedules ("none" is constant) and decay on plateau.</summary>
    public static IReadOnlyList<ProfileKind> PaperSchedules { get; } =
    [
        ProfileKind.Constant, ProfileKind.Step, ProfileKind.Linear, ProfileKind.Cosine,
        ProfileKind.Exponential, ProfileKind.OneCycle, ProfileKind.Rex, ProfileKind.Plateau,
    ];

    // The full epoch counts are what reaches each model's usual quality on Fashion-MNIST here, measured
    // with `frugal train --budget 1 --schedule rex` (README): a study trains each setting ~100 times on 2 cores.
    public static StudySetting Mlp { get; } = new("fashion-mnist", ModelKind.Mlp, 10,
        "10 epochs: 88.6% test accuracy with SGDM (lr 0.1) and 88.5% with Adam (1e-3) at 100%, the MLP's usual level");

    // 5 epochs reached 91.4% but made the CNN 81% of an hour-long quick study; 3 keep it above 91%.
    public static StudySetting Cnn { get; } = new("fashion-mnist", ModelKind.Cnn, 3,
        "3 epochs: 91.1% test accuracy with SGDM (lr 0.1, REX) at 100%; ~25 s an epoch on 1 thread");

    public static StudySetting Vae { get; } = new("fashion-mnist", ModelKind.Vae, 5,
        "5 epochs: the paper's 200 would take ~10 min a run here; 10 epochs reached 245.4 nats (Adam), so 5 shows the budget trend at half the cost");

    // The paper's transformer setting is BERT pretraining; here a tiny GPT (33k parameters, 2 blocks of width 32)
    // pretrains on generated text. Sized so a 100% trial takes 20-40 s on 1 thread, measured with
    // `dotnet bench/Frugal.Bench/bin/Debug/net10.0/Frugal.Bench.dll rex-trial gpt adam rex 1 1` (bench/README.md).
    public static StudySetting Gpt { get; } = new("generated:6000:0", ModelKind.Gpt, 2,
        "2 epochs over 6,000 generated documents (context 64, batch 32, 414 steps): 22 s on 1 thread at 100%; test loss 2.07 nats/token with Adam (1e-3), 1.78 with SGDM (0.1), REX, still falling, so smaller budgets cost quality")
    {
        BatchSize = 32,
        GptSize = GptPreset.Tiny,
        Context = 64,
    };

    public static RexStudySpec For(RexPreset preset) => preset switch
    {
        // About two minutes on 2 cores: one setting, three schedules, two budgets, both optimizers.
        RexPreset.Smoke => new RexStudySpec
        {
            Name = "rex-smoke",
            Settings = [Mlp with { FullEpochs = 4, Justification = "4 epochs: small enough for a two-minute smoke run" }],
            Schedules = [ProfileKind.Step, ProfileKind.Linear, ProfileKind.Rex],
            Budgets = [0.1, 0.5],
        },
        RexPreset.Quick => new RexStudySpec
        {
            Name = "rex-quick",
            Settings = [Mlp, Cnn, Vae, Gpt],
            Schedules = PaperSchedules,
        },
        RexPreset.Paper => new RexStudySpec
        {
            Name = "rex-paper",
            Settings = [Mlp, Cnn, Vae, Gpt],
            Schedules = PaperSchedules,
            Seeds = [0, 1, 2],
            LrFactors = [1.0 / 3, 1, 3],
        },
        _ => throw new ArgumentOutOfRangeException(nameof(preset)),
    };

    /// <summary>Rough relative cost of a trial: epochs times the model's cost per epoch, for ETAs.</summary>
    public static double Cost(TrainConfig config) =>
        config.Budget * config.FullEpochs * config.Model switch { ModelKind.Cnn => 12, ModelKind.ResNet => 60, ModelKind.Vae => 3, ModelKind.Gpt => 6, _ => 1 };
}
