namespace Frugal.Evaluation;

/// <summary>
/// The Wilson score interval for a binomial proportion (Wilson 1927), the interval an accuracy is reported with.
/// Why Wilson and not the textbook Wald interval p +- z sqrt(p(1-p)/n): Wald has width 0 at p = 0 or 1, which is
/// exactly where small models on hard tasks land (accuracy 0 on every budget is a real outcome in this project),
/// and it covers far less than 95% for small n or extreme p; Wilson stays inside [0, 1], is never empty, and its
/// coverage is close to nominal down to n ~ 10 (Brown, Cai and DasGupta 2001, "Interval Estimation for a Binomial
/// Proportion", who recommend it; Newcombe 1998, method 3, whose table the tests reproduce). No continuity
/// correction, as in both and in statsmodels' proportion_confint(method="wilson").
/// </summary>
public static class WilsonInterval
{
    /// <summary>The 0.975 quantile of the standard normal: a two-sided 95% interval.</summary>
    public const double Z95 = 1.959963984540054;

    /// <summary>
    /// (low, high) for <paramref name="successes"/> out of <paramref name="n"/>. With n = 0 nothing is known, and
    /// the interval is all of [0, 1].
    /// </summary>
    public static (double Low, double High) Of(int successes, int n, double z = Z95)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfNegative(successes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(successes, n);
        if (n == 0) return (0, 1);
        double p = (double)successes / n, z2 = z * z;
        var centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        var half = z / (1 + z2 / n) * Math.Sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        // At p = 0 or 1 the formula gives the bound exactly in theory, but rounding can leave 1e-17 off.
        return (successes == 0 ? 0 : Math.Max(0, centre - half), successes == n ? 1 : Math.Min(1, centre + half));
    }
}
