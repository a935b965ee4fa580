namespace Frugal.Reports;

/// <summary>
/// The distribution of answer lengths in generated tokens: median, 10th and 90th percentiles (linear interpolation
/// between order statistics, numpy's default), and the share of answers that ran to the generation cap, which is
/// how a model that never learned to stop (rambling, the cold start's symptom) shows.
/// </summary>
public sealed record AllocationLengths(int Count, double Median, double P10, double P90, double CapShare)
{
    public static AllocationLengths Of(IReadOnlyCollection<int> tokens, int cap)
    {
        if (tokens.Count == 0) return new AllocationLengths(0, double.NaN, double.NaN, double.NaN, double.NaN);
        var sorted = tokens.Order().Select(t => (double)t).ToArray();
        return new AllocationLengths(sorted.Length, Percentile(sorted, 0.5), Percentile(sorted, 0.1), Percentile(sorted, 0.9),
            (double)tokens.Count(t => t >= cap) / tokens.Count);
    }

    /// <summary>The <paramref name="p"/> quantile of ascending <paramref name="sorted"/>.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double p)
    {
        var h = (sorted.Count - 1) * p;
        var lo = (int)Math.Floor(h);
        return lo + 1 < sorted.Count ? sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]) : sorted[lo];
    }
}
