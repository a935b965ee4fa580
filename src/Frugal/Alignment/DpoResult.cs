namespace Frugal.Alignment;

/// <summary>
/// The outcome of <see cref="DpoTrainer.Train"/>.
/// </summary>
/// <param name="Status">"completed" or "diverged" (a non-finite loss stopped the run).</param>
/// <param name="Final">The last logged training metrics, then the last evaluation's eval_ metrics (TRL names).</param>
/// <param name="LogHistory">Hugging Face's log_history: one entry per logging or evaluation point, each with "step" and "epoch".</param>
public sealed record DpoResult(
    string Status,
    int Steps,
    int MaxSteps,
    double Epochs,
    double Seconds,
    IReadOnlyDictionary<string, double> Final,
    IReadOnlyList<IReadOnlyDictionary<string, double>> LogHistory,
    int? DivergedAtStep = null)
{
    public const string Completed = "completed";
    public const string Diverged = "diverged";

    public bool IsDiverged => Status == Diverged;
}
