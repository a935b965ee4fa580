namespace Frugal.Training;

/// <summary>
/// A compute budget as the REX paper states it: a fraction of a full epoch count from the literature.
/// T = max(1, ceil(fraction x full epochs x steps per epoch)); every schedule is re-fitted to T.
/// </summary>
public sealed record Budget(double Fraction, double FullEpochs)
{
    /// <summary>The paper's budgets: 1, 5, 10, 25, 50, 100% of the full epoch count.</summary>
    public static IReadOnlyList<double> PaperFractions { get; } = [0.01, 0.05, 0.10, 0.25, 0.50, 1.00];

    /// <summary>The paper calls budgets under 25% low.</summary>
    public bool IsLow => Fraction < 0.25;

    public int TotalSteps(int stepsPerEpoch) =>
        (int)Math.Max(1, Math.Ceiling(Fraction * FullEpochs * stepsPerEpoch - 1e-9));

    public IEnumerable<string> Validate()
    {
        if (!(Fraction > 0 && Fraction <= 1)) yield return $"--budget must be a fraction in (0, 1], got {Fraction}";
        if (!(FullEpochs > 0) || !double.IsFinite(FullEpochs)) yield return $"--full-epochs must be positive, got {FullEpochs}";
    }
}
