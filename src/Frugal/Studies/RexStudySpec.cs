using System.Text.Json.Serialization;
using Frugal.Models;
using Frugal.Schedules;
using Frugal.Training;

namespace Frugal.Studies;

/// <summary>A dataset x model pair with the epoch count that is its 100% budget, and why that count.</summary>
public sealed record StudySetting(string Data, ModelKind Model, double FullEpochs, string Justification)
{
    public string Name => $"{Data}/{Model.Name()}";

    /// <summary>The setting's batch size; null = <see cref="TrainConfig"/>'s default (128).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? BatchSize { get; init; }

    /// <summary>GPT settings: the model size; null for image models.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public GptPreset? GptSize { get; init; }

    /// <summary>GPT settings: the sequence length; null for image models.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Context { get; init; }
}

/// <summary>
/// The REX paper's budget study as a grid: settings x optimizers x schedules x budgets x seeds, and,
/// for LR selection, learning rates at multiples of 3 around each (model, optimizer)'s base rate.
/// </summary>
public sealed record RexStudySpec
{
    public required string Name { get; init; }
    public required IReadOnlyList<StudySetting> Settings { get; init; }
    public IReadOnlyList<OptimizerKind> Optimizers { get; init; } = [OptimizerKind.Sgdm, OptimizerKind.Adam];
    public required IReadOnlyList<ProfileKind> Schedules { get; init; }
    public IReadOnlyList<double> Budgets { get; init; } = Budget.PaperFractions;
    public IReadOnlyList<int> Seeds { get; init; } = [0];

    /// <summary>Multipliers of the base learning rate tried per cell; the paper tunes in multiples of 3.</summary>
    public IReadOnlyList<double> LrFactors { get; init; } = [1];

    public bool SelectsLr => LrFactors.Count > 1;

    /// <summary>Every trial of the grid with a key that names it; the same spec always gives the same keys.</summary>
    public IEnumerable<(string Key, TrainConfig Config)> Trials() =>
        from setting in Settings
        from optimizer in Optimizers
        from schedule in Schedules
        from budget in Budgets
        from factor in LrFactors
        from seed in Seeds
        let config = new TrainConfig
        {
            Data = setting.Data,
            Model = setting.Model,
            Optimizer = optimizer,
            Schedule = schedule,
            Lr = BaseLr(setting.Model, optimizer) * factor,
            Budget = budget,
            FullEpochs = setting.FullEpochs,
            Seed = seed,
            BatchSize = setting.BatchSize ?? new TrainConfig().BatchSize,
            GptSize = setting.GptSize,
            Context = setting.Context,
        }
        select (TrialKey(setting, config), config);

    public static string TrialKey(StudySetting setting, TrainConfig c) =>
        FormattableString.Invariant($"{setting.Name}|{c.Optimizer.Name()}|{c.Schedule.Name()}|budget={c.Budget:R}|lr={c.Lr:R}|seed={c.Seed}");

    /// <summary>
    /// Base learning rates per (model, optimizer): the usual 0.1 for SGD with momentum and 1e-3 for
    /// Adam on the classifiers; the VAE's loss is a sum over 784 pixels, so its gradients are ~100x
    /// larger and its rates are lower. The GPT takes Adam's usual 1e-3 and, with its gradients clipped at norm 1,
    /// SGDM's 0.1.
    /// </summary>
    public static double BaseLr(ModelKind model, OptimizerKind optimizer) => (model, optimizer) switch
    {
        (ModelKind.Vae, OptimizerKind.Sgdm) => 1e-3,
        (ModelKind.Vae, _) => 1e-3,
        (_, OptimizerKind.Sgdm) => 0.1,
        _ => 1e-3,
    };
}
