using Frugal.Schedules;

namespace Frugal.Alignment;

/// <summary>
/// One DPO run. Defaults are the "Balancing the Budget" code's (Raghavendra et al. 2025: AdamW, weight decay
/// 0.01, lr 5e-6, effective batch 16, 2 epochs, cosine with 10% warmup) and TRL's (beta 0.1, sigmoid loss,
/// label smoothing 0, max_grad_norm 1.0, precompute_ref_log_probs as Frugal's default).
/// </summary>
public sealed record DpoConfig
{
    public DpoOptions Loss { get; init; } = new();
    public double Epochs { get; init; } = 2;

    /// <summary>At least this many optimizer steps, whatever the epochs give: small data sets give few steps an epoch.</summary>
    public int MinSteps { get; init; }

    public double Lr { get; init; } = 5e-6;

    /// <summary>Pairs a step; the policy sees twice as many sequences (chosen and rejected).</summary>
    public int BatchSize { get; init; } = 16;

    /// <summary>Longest prompt + answer in tokens (TRL's max_length); null = the model's context length.</summary>
    public int? MaxLength { get; init; }

    public ProfileKind Schedule { get; init; } = ProfileKind.Cosine;

    /// <summary>Warmup steps = ceil(ratio x total steps), as Hugging Face's warmup_ratio.</summary>
    public double WarmupRatio { get; init; } = 0.1;

    public double WeightDecay { get; init; } = 0.01;
    public double MaxGradNorm { get; init; } = 1.0;

    /// <summary>Log the training metrics (averaged over the steps since the last log) every this many steps, and at the last step.</summary>
    public int LoggingSteps { get; init; } = 10;

    /// <summary>Evaluate on held-out pairs every this many steps; 0 = only at the end.</summary>
    public int EvalSteps { get; init; }

    /// <summary>Score the data with the reference once before training (cached) instead of a reference forward every step.</summary>
    public bool PrecomputeRef { get; init; } = true;

    /// <summary>
    /// How a step lays its pairs out for the forward. Both layouts give the same scores; shared-prompt computes each
    /// prompt once. The concatenated layout (TRL's) stays for comparison; no CLI option picks it.
    /// </summary>
    public DpoBatchLayout BatchLayout { get; init; } = DpoBatchLayout.SharedPrompt;

    public int Seed { get; init; }

    public int StepsPerEpoch(int pairs) => (pairs + BatchSize - 1) / BatchSize;

    public int TotalSteps(int pairs) => Math.Max(MinSteps, Math.Max(1, (int)Math.Ceiling(Epochs * StepsPerEpoch(pairs))));

    public Schedule ToSchedule(int totalSteps) =>
        new(ProfileOptions.Paper.Create(Schedule)) { WarmupSteps = Math.Min(totalSteps - 1, (int)Math.Ceiling(WarmupRatio * totalSteps)) };

    /// <summary>Every problem, in CLI option names, empty when the run can start.</summary>
    public IEnumerable<string> Validate()
    {
        foreach (var problem in Loss.Validate()) yield return problem;
        if (!(Epochs > 0) || !double.IsFinite(Epochs)) yield return $"--epochs must be a positive number, got {Epochs}";
        if (MinSteps < 0) yield return $"--min-steps must be >= 0, got {MinSteps}";
        if (!(Lr > 0) || !double.IsFinite(Lr)) yield return $"--lr must be a positive number, got {Lr}";
        if (BatchSize <= 0) yield return $"--batch-size must be positive, got {BatchSize}";
        if (MaxLength is < 2) yield return $"--max-length must be at least 2 (a prompt token and an answer token), got {MaxLength}";
        if (!Schedule.IsFunctionOfProgress())
            yield return $"--schedule {Schedule.Name()} needs a validation metric per epoch; pick one of {string.Join(", ", ProfileKinds.All.Where(k => k.IsFunctionOfProgress()).Select(k => k.Name()))}";
        if (!(WarmupRatio >= 0 && WarmupRatio < 1)) yield return $"--warmup-ratio must be in [0, 1), got {WarmupRatio}";
        if (!(WeightDecay >= 0) || !double.IsFinite(WeightDecay)) yield return $"--weight-decay must be >= 0, got {WeightDecay}";
        if (!(MaxGradNorm > 0) || !double.IsFinite(MaxGradNorm)) yield return $"--max-grad-norm must be a positive number, got {MaxGradNorm}";
        if (LoggingSteps <= 0) yield return $"--logging-steps must be positive, got {LoggingSteps}";
        if (EvalSteps < 0) yield return $"--eval-steps must be >= 0 (0 = only at the end), got {EvalSteps}";
    }
}
