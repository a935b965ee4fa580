using System.Globalization;
using Frugal.Studies;

namespace Frugal.Reports;

/// <summary>How numbers read in the REX report: invariant culture, one number of decimals per table.</summary>
internal static class RexFormat
{
    public static string Budget(double budget) => (100 * budget).ToString("0.##", CultureInfo.InvariantCulture) + "%";

    /// <summary>
    /// Decimals that give the largest value four significant digits (41.98, 174.6, 0.3512), so a column of
    /// test errors reads like the paper's tables and a column of VAE losses does not drown in digits.
    /// </summary>
    public static int Decimals(IEnumerable<double> values)
    {
        var largest = values.Where(double.IsFinite).Select(Math.Abs).DefaultIfEmpty(0).Max();
        if (largest == 0) return 2;
        return Math.Clamp(3 - (int)Math.Floor(Math.Log10(largest)), 0, 6);
    }

    public static string Number(double value, int decimals) => value.ToString("F" + decimals, CultureInfo.InvariantCulture);

    /// <summary>"mean ± std" (± only with two or more seeds), "diverged" or "failed" when no seed finished.</summary>
    public static string Score(ScheduleStanding s, int decimals)
    {
        if (s.Score is not { } score) return s.Diverged > 0 ? "diverged" : "failed";
        var text = Number(score, decimals);
        if (s.Std is { } std) text += " ± " + Number(std, decimals);
        var lost = s.Diverged + s.Failed;
        if (lost > 0) text += $" ({lost} {(s.Diverged > 0 ? "diverged" : "failed")})";
        return text;
    }

    public static string Percent(double? percent) => percent is { } p ? p.ToString("0", CultureInfo.InvariantCulture) : "—";

    public static string Gap(double? gap) => gap switch
    {
        null => "—",
        double.PositiveInfinity => "+∞",
        double.NegativeInfinity => "−∞",
        { } g => g.ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture) + "%",
    };

    public static string Duration(TimeSpan t) =>
        t.TotalHours >= 1 ? $"{(int)t.TotalHours} h {t.Minutes:00} min"
        : t.TotalMinutes >= 1 ? $"{t.Minutes} min {t.Seconds:00} s"
        : (t.TotalSeconds).ToString("0.#", CultureInfo.InvariantCulture) + " s";
}
