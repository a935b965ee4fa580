namespace Frugal.Schedules;

/// <summary>
/// How often the learning rate is re-read from the profile; between samples it is held
/// (REX paper, section 3 and Table 2). Maps the step t about to be taken, of T, to the
/// progress p at which the profile is read.
/// </summary>
public abstract record SamplingRate
{
    public abstract double Progress(int t, int totalSteps);

    /// <summary>Problems with this rate for a budget of <paramref name="totalSteps"/>, empty when it is usable.</summary>
    public virtual IEnumerable<string> Validate(int totalSteps) => [];

    public static SamplingRate EveryIteration { get; } = new EveryKSteps(1);

    /// <summary>Once per epoch: the profile is read at the first step of each epoch.</summary>
    public static SamplingRate EveryEpoch(int stepsPerEpoch) => new EveryKSteps(stepsPerEpoch);

    /// <summary>The paper's "every 10%" and "every 1%": at f, 2f, 3f, ... of the budget.</summary>
    public static SamplingRate EveryFraction(double fraction) =>
        new AtFractions([.. Enumerable.Range(1, (int)Math.Ceiling(1 / fraction - 1e-9) - 1).Select(i => i * fraction)]);
}

/// <summary>lr(t) = eta(floor(t / K) K / T).</summary>
public sealed record EveryKSteps(int K) : SamplingRate
{
    public override double Progress(int t, int totalSteps) => (double)(t / K * K) / totalSteps;

    public override IEnumerable<string> Validate(int totalSteps)
    {
        if (K <= 0) yield return $"the sampling interval must be a positive number of steps, got {K}";
    }
}

/// <summary>
/// lr(t) = eta(f) for the largest listed f with f T &lt;= t, else eta(0): the paper's fixed points
/// such as 50-75, 33-66 and 25-50-75.
/// </summary>
public sealed record AtFractions(IReadOnlyList<double> Fractions) : SamplingRate
{
    public override double Progress(int t, int totalSteps)
    {
        var p = 0.0;
        foreach (var f in Fractions)
        {
            if (FirstStepAt(f, totalSteps) <= t) p = f;
        }
        return p;
    }

    // 0.7 * 10 is 7.000000000000001 in doubles; the user meant step 7.
    private static long FirstStepAt(double f, int totalSteps) => (long)Math.Ceiling(f * totalSteps - 1e-9);

    public override IEnumerable<string> Validate(int totalSteps) => FractionList.Problems(Fractions, "sampling fractions");

    public bool Equals(AtFractions? other) => other is not null && Fractions.SequenceEqual(other.Fractions);

    public override int GetHashCode() => Fractions.Aggregate(0, HashCode.Combine);
}
