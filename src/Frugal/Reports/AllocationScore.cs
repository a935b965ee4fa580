using Frugal.Evaluation;
using Frugal.Studies.Allocation;

namespace Frugal.Reports;

/// <summary>
/// A cell's (or the base model's) metric over its finished seeds: the mean, the seed standard deviation (null with
/// one seed) and a 95% interval that decides ties. The interval is the seeds' Wilson intervals averaged, widened to
/// mean ± std where the seeds disagree by more than evaluation noise; with one seed it is that trial's Wilson
/// interval. <see cref="Problems"/> is the smallest evaluation set among the seeds.
/// </summary>
public sealed record AllocationScore(double Mean, double? Std, double Low, double High, int Seeds, int Problems)
{
    public static AllocationScore? Of(IReadOnlyCollection<AllocationTrialResult> done)
    {
        if (done.Count == 0) return null;
        var mean = done.Average(d => d.Metric);
        double? std = done.Count > 1 ? Math.Sqrt(done.Sum(d => (d.Metric - mean) * (d.Metric - mean)) / (done.Count - 1)) : null;
        // Results written before intervals were recorded have NaN bounds: the mean alone is then the interval.
        var low = done.Average(d => double.IsNaN(d.MetricLow) ? d.Metric : d.MetricLow);
        var high = done.Average(d => double.IsNaN(d.MetricHigh) ? d.Metric : d.MetricHigh);
        if (std is { } sd) (low, high) = (Math.Min(low, mean - sd), Math.Max(high, mean + sd));
        return new AllocationScore(mean, std, low, high, done.Count, done.Min(d => d.EvalProblems));
    }

    /// <summary>Two scores tie when either mean lies inside the other's interval: their difference is within the noise.</summary>
    public bool Ties(AllocationScore other) => Covers(other.Mean) || other.Covers(Mean);

    /// <summary>
    /// Indistinguishable from a model that gets every problem wrong: the mean lies inside the Wilson interval of
    /// 0 successes out of <see cref="Problems"/> (0.071 for 50 problems, 0.0076 for 500).
    /// </summary>
    public bool IsZero => Mean <= WilsonInterval.Of(0, Problems).High;

    private bool Covers(double value) => value >= Low && value <= High;
}
