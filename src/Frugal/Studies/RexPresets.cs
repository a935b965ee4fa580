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

    public static StudySetting Mlp { get; } = new("fashion-mnist", ModelKind.Mlp, 10,
        "10 epochs: the MLP's test error stops improving by more than a few tenths of a percent after about 10 epochs at these rates");

    public static StudySetting Cnn { get; } = new("fashion-mnist", ModelKind.Cnn, 5,
        "5 epochs: the small CNN passes 91% test accuracy within 5 epochs, and a study trains it ~100 times on 2 cores");

    public static StudySetting Vae { get; } = new("fashion-mnist", ModelKind.Vae, 10,
        "10 epochs: the paper's 200 would take ~2 hours a run here; 10 brings the test loss within a few nats of its plateau");

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
            Settings = [Mlp, Cnn, Vae],
            Schedules = PaperSchedules,
        },
        RexPreset.Paper => new RexStudySpec
        {
            Name = "rex-paper",
            Settings = [Mlp, Cnn, Vae],
            Schedules = PaperSchedules,
            Seeds = [0, 1, 2],
            LrFactors = [1.0 / 3, 1, 3],
        },
        _ => throw new ArgumentOutOfRangeException(nameof(preset)),
    };

    /// <summary>Rough relative cost of a trial: epochs times the model's cost per epoch, for ETAs.</summary>
    public static double Cost(TrainConfig config) =>
        config.Budget * config.FullEpochs * config.Model switch { ModelKind.Cnn => 6, ModelKind.ResNet => 15, ModelKind.Vae => 1.5, _ => 1 };
}
