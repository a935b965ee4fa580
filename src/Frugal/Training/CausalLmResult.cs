namespace Frugal.Training;

/// <summary>What a language-model run produced; Eval* are null without held-out data.</summary>
public sealed record CausalLmResult(
    string Status,
    int Steps,
    double Seconds,
    long NumTokens,
    double TrainLoss,
    double TrainTokensPerSecond,
    LmLogEntry? LastLog,
    LmLogEntry? LastEval,
    int? DivergedAtStep,
    IReadOnlyList<LmLogEntry> LogHistory)
{
    public const string Done = "done";
    public const string Diverged = "diverged";

    public bool IsDiverged => Status == Diverged;
}

/// <summary>How to run (not what to train): checkpoint directory, resume, log callback, cancellation.</summary>
public sealed record CausalLmRunOptions
{
    /// <summary>Where checkpoint.bin and trainer_state.json go; null = no checkpoints.</summary>
    public string? Directory { get; init; }

    public bool Resume { get; init; }

    /// <summary>Called with every log_history entry as it is made (training and eval).</summary>
    public Action<LmLogEntry>? OnLog { get; init; }

    public CancellationToken Cancellation { get; init; }
}
