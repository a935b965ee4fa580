using System.Globalization;
using static System.FormattableString;

namespace Frugal.Reports;

/// <summary>How numbers read in the allocation report: invariant culture, metrics with three decimals.</summary>
internal static class AllocationFormat
{
    public static string Metric(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);

    /// <summary>"mean [low, high]" (the Wilson 95% interval) with one seed, "mean ± std" over several.</summary>
    public static string Score(AllocationScore score) => score.Std is { } sd
        ? Invariant($"{Metric(score.Mean)} ± {Metric(sd)}")
        : Invariant($"{Metric(score.Mean)} [{Metric(score.Low)}, {Metric(score.High)}]");

    public static string Budget(double budget) => budget.ToString("#,0.##", CultureInfo.InvariantCulture);

    public static string RatioValue(double ratio) => ratio.ToString("0.###", CultureInfo.InvariantCulture);

    public static string Ratio(double ratio) => "r = " + RatioValue(ratio);

    public static string Percent(double fraction) => (100 * fraction).ToString("0", CultureInfo.InvariantCulture) + "%";

    public static string Number(double value, string format) =>
        double.IsNaN(value) ? "—" : value.ToString(format, CultureInfo.InvariantCulture);

    public const string LearningRateFormat = "0.##e0";

    public const string BetaFormat = "0.###";

    /// <summary>Distinct values ascending, "1e-3" or "1e-4 / 3e-4" (over a cell's seeds, or a stage's candidates); "—" when none applies.</summary>
    public static string Values(IEnumerable<double?> values, string format) =>
        string.Join(" / ", values.OfType<double>().Distinct().Order().Select(v => v.ToString(format, CultureInfo.InvariantCulture))) is { Length: > 0 } s ? s : "—";
}
