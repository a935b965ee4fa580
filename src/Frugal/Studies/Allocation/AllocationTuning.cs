namespace Frugal.Studies.Allocation;

/// <summary>
/// How a cell trains one stage (SFT or DPO): epochs with a floor on optimizer steps (a few dozen steps teach
/// nothing, issue 5's prototype), and the learning rates (and for DPO the betas) searched on a validation split.
/// The defaults are the paper code's rates (5e-5 SFT, 5e-6 DPO) scaled to a model ~1,000x smaller.
/// </summary>
public sealed record AllocationTuning
{
    public double Epochs { get; init; } = 2;

    public int MinSteps { get; init; } = 100;

    public int BatchSize { get; init; } = 16;

    public IReadOnlyList<double> Lrs { get; init; } = [1e-3];

    /// <summary>DPO only: the KL strength candidates (the paper searched 0.05, 0.1, 0.5).</summary>
    public IReadOnlyList<double> Betas { get; init; } = [0.1];

    /// <summary>Every (lr, beta) candidate, in a fixed order so reruns try them in the same order.</summary>
    public IEnumerable<(double Lr, double Beta)> Candidates() =>
        from lr in Lrs from beta in Betas select (lr, beta);

    public IEnumerable<string> Validate(string stage)
    {
        if (!(Epochs > 0)) yield return $"{stage} epochs must be positive, got {Epochs}";
        if (MinSteps < 0) yield return $"{stage} minimum steps must be >= 0, got {MinSteps}";
        if (BatchSize < 1) yield return $"{stage} batch size must be positive, got {BatchSize}";
        if (Lrs.Count == 0 || Lrs.Any(lr => !(lr > 0))) yield return $"{stage} needs positive learning rates, got [{string.Join(", ", Lrs)}]";
        if (Betas.Count == 0 || Betas.Any(b => !(b > 0))) yield return $"{stage} needs positive betas, got [{string.Join(", ", Betas)}]";
    }
}
