using System.Text.Json.Serialization;
using Frugal.Models;
using Frugal.Schedules;

namespace Frugal.Training;

/// <summary>
/// One budgeted training run, saved whole with its result and checkpoints. Defaults follow the REX
/// paper where it states them (schedules sampled every iteration, momentum 0.9 for SGDM); it does not
/// report batch size or weight decay, so those are the usual 128 and 0.
/// </summary>
public sealed record TrainConfig
{
    public string Data { get; init; } = "fashion-mnist";
    public ModelKind Model { get; init; } = ModelKind.Mlp;
    public OptimizerKind Optimizer { get; init; } = OptimizerKind.Sgdm;
    public double Lr { get; init; } = 0.1;
    public ProfileKind Schedule { get; init; } = ProfileKind.Rex;
    public ProfileOptions Profile { get; init; } = ProfileOptions.Paper;

    /// <summary>Plateau is judged on the validation loss at each epoch end.</summary>
    public PlateauOptions Plateau { get; init; } = new() { Patience = 1 };

    /// <summary>Re-read the profile every K steps; 1 = every iteration, the REX paper's recommendation.</summary>
    public int SampleEvery { get; init; } = 1;

    public int WarmupSteps { get; init; }
    public double Budget { get; init; } = 1;
    public double FullEpochs { get; init; } = 10;
    public int BatchSize { get; init; } = 128;
    public int Seed { get; init; }
    public double ValidationFraction { get; init; } = 0.1;
    public double Momentum { get; init; } = 0.9;
    public bool Nesterov { get; init; }
    /// <summary>Null takes the optimizer's usual default: 0 for SGD and Adam, 0.01 for AdamW (PyTorch's).</summary>
    public double? WeightDecay { get; init; }

    /// <summary>GPT only: the size preset (null = tiny); image runs leave it null and their saved config unchanged.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public GptPreset? GptSize { get; init; }

    /// <summary>GPT only: the packed sequence length; null = the preset's context length.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Context { get; init; }

    /// <summary>The GPT a <see cref="ModelKind.Gpt"/> run builds, for a tokenizer of <paramref name="vocabSize"/> ids.</summary>
    public GptConfig GptModel(int vocabSize)
    {
        var model = GptConfig.Preset(GptSize ?? GptPreset.Tiny) with { VocabSize = vocabSize };
        return Context is { } context ? model with { ContextLength = context } : model;
    }

    public Budget ComputeBudget => new(Budget, FullEpochs);

    public Schedule ToSchedule() =>
        new(Profile.Create(Schedule)) { Sampling = new EveryKSteps(SampleEvery), WarmupSteps = WarmupSteps };

    /// <summary>Every problem, in CLI option names, empty when the run can start.</summary>
    public IEnumerable<string> Validate()
    {
        foreach (var problem in ComputeBudget.Validate()) yield return problem;
        if (!(Lr > 0) || !double.IsFinite(Lr)) yield return $"--lr must be a positive number, got {Lr}";
        if (BatchSize <= 0) yield return $"--batch-size must be positive, got {BatchSize}";
        if (SampleEvery <= 0) yield return $"--sample-every must be a positive number of steps, got {SampleEvery}";
        if (WarmupSteps < 0) yield return $"--warmup must be >= 0, got {WarmupSteps}";
        if (!(ValidationFraction > 0 && ValidationFraction < 1))
            yield return $"--validation must be a fraction in (0, 1), got {ValidationFraction}";
        if (!(Momentum >= 0 && Momentum < 1)) yield return $"--momentum must be in [0, 1), got {Momentum}";
        if (Context is <= 0) yield return $"context must be positive, got {Context}";
        if (WeightDecay is { } wd && !(wd >= 0)) yield return $"--weight-decay must be >= 0, got {WeightDecay}";
        foreach (var problem in Profile.Validate()) yield return problem;
        foreach (var problem in Plateau.Validate()) yield return problem;
    }
}
