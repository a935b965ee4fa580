using Frugal.Schedules;

namespace Frugal.Training;

/// <summary>
/// How a causal language model is trained, whatever the data: AdamW with weight decay 0.01 on the matrices
/// and gradient clipping at 1.0 (Hugging Face Trainer's defaults, which the Balancing-the-Budget code uses),
/// the learning rate from a Frugal profile re-fitted to <see cref="TotalSteps"/> after a linear warmup of
/// ceil(<see cref="WarmupRatio"/> x T) steps, as Hugging Face rounds it. Defaults are SFT's (cosine, 10% warmup, 5e-5).
/// </summary>
public sealed record CausalLmConfig
{
    public double Lr { get; init; } = 5e-5;
    public ProfileKind Schedule { get; init; } = ProfileKind.Cosine;
    public double WarmupRatio { get; init; } = 0.1;
    public double WeightDecay { get; init; } = 0.01;
    public double MaxGradNorm { get; init; } = 1.0;
    public int BatchSize { get; init; } = 16;

    /// <summary>T, the optimizer steps of the whole run.</summary>
    public int TotalSteps { get; init; } = 1;

    /// <summary>Batches in one pass over the training sequences (the last may be short).</summary>
    public int StepsPerEpoch { get; init; } = 1;

    /// <summary>Write the training metrics every this many steps (and at the last step).</summary>
    public int LoggingSteps { get; init; } = 10;

    /// <summary>Evaluate on the held-out sequences every this many steps; 0 = at the end only.</summary>
    public int EvalEvery { get; init; }

    /// <summary>Save a checkpoint every this many steps (and at the end); 0 = at the end only.</summary>
    public int CheckpointEvery { get; init; } = 200;

    public int Seed { get; init; }

    /// <summary>Also log eval_perplexity = exp(eval_loss), as pretraining reports it.</summary>
    public bool ReportPerplexity { get; init; }

    public int WarmupSteps => Math.Min(TotalSteps - 1, (int)Math.Ceiling(WarmupRatio * TotalSteps - 1e-9));

    public Schedule ToSchedule(ProfileOptions? profile = null) =>
        new((profile ?? ProfileOptions.Paper).Create(Schedule)) { WarmupSteps = WarmupSteps };

    /// <summary>Every problem, in CLI option names, empty when the run can start.</summary>
    public IEnumerable<string> Validate()
    {
        if (!(Lr > 0) || !double.IsFinite(Lr)) yield return $"--lr must be a positive number, got {Lr}";
        if (!Schedule.IsFunctionOfProgress())
            yield return $"--schedule {Schedule.Name()} needs a validation metric every step, which language-model training does not give; choose one of {string.Join(", ", ProfileKinds.All.Where(k => k.IsFunctionOfProgress()).Select(k => k.Name()))}";
        if (!(WarmupRatio >= 0 && WarmupRatio < 1)) yield return $"--warmup-ratio must be in [0, 1), got {WarmupRatio}";
        if (!(WeightDecay >= 0)) yield return $"weight decay must be >= 0, got {WeightDecay}";
        if (!(MaxGradNorm > 0)) yield return $"the gradient clipping norm must be positive, got {MaxGradNorm}";
        if (BatchSize <= 0) yield return $"--batch-size must be positive, got {BatchSize}";
        if (TotalSteps <= 0) yield return $"the run needs at least one step, got {TotalSteps}";
        if (StepsPerEpoch <= 0) yield return $"steps per epoch must be positive, got {StepsPerEpoch}";
        if (LoggingSteps <= 0) yield return $"--logging-steps must be positive, got {LoggingSteps}";
        if (EvalEvery < 0) yield return $"--eval-every must be >= 0, got {EvalEvery}";
        if (CheckpointEvery < 0) yield return $"--checkpoint-every must be >= 0, got {CheckpointEvery}";
    }
}
