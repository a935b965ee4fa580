using Frugal.Schedules;
using Frugal.Text;
using Frugal.Training;

namespace Frugal.Alignment;

/// <summary>
/// A supervised fine-tuning run, with the Balancing-the-Budget code's defaults: 2 epochs, lr 5e-5, cosine after
/// 10% warmup, batch 16, AdamW. Loss on the completion only (TRL's default for prompt-completion data; that
/// code used the whole sequence, --loss-on all). Epochs alone give few steps on small data, so
/// T = max(<see cref="MinSteps"/>, ceil(epochs x steps per epoch)).
/// </summary>
public sealed record SftConfig
{
    public string Model { get; init; } = "";
    public string Data { get; init; } = "";
    public string? EvalData { get; init; }
    public double Epochs { get; init; } = 2;
    public int MinSteps { get; init; }
    public double Lr { get; init; } = 5e-5;
    public int BatchSize { get; init; } = 16;
    public LossOn LossOn { get; init; } = LossOn.Completion;
    public bool Packing { get; init; }
    public ProfileKind Schedule { get; init; } = ProfileKind.Cosine;
    public double WarmupRatio { get; init; } = 0.1;

    /// <summary>Longest sequence in ids; null = the model's context length.</summary>
    public int? MaxLength { get; init; }

    public int Seed { get; init; }
    public int LoggingSteps { get; init; } = 10;
    public int CheckpointEvery { get; init; } = 200;

    public int TotalSteps(int stepsPerEpoch) => Math.Max(MinSteps, Math.Max(1, (int)Math.Ceiling(Epochs * stepsPerEpoch - 1e-9)));

    public IEnumerable<string> Validate()
    {
        if (string.IsNullOrEmpty(Model)) yield return "--model is required: the model directory to start from";
        if (string.IsNullOrEmpty(Data)) yield return "--data is required: a .jsonl file of prompt-completion, messages or text records";
        if (!(Epochs > 0) || !double.IsFinite(Epochs)) yield return $"--epochs must be positive, got {Epochs}";
        if (MinSteps < 0) yield return $"--min-steps must be >= 0, got {MinSteps}";
        if (MaxLength is < 2) yield return $"--max-length must be at least 2, got {MaxLength}";
        if (!Enum.IsDefined(LossOn)) yield return $"--loss-on must be one of {EnumNames.List<LossOn>()}";
        foreach (var problem in new CausalLmConfig { Lr = Lr, Schedule = Schedule, WarmupRatio = WarmupRatio, BatchSize = BatchSize, LoggingSteps = LoggingSteps, CheckpointEvery = CheckpointEvery }.Validate())
            yield return problem;
    }
}
