using ScottPlot;

namespace Frugal.Reports;

/// <summary>What every report chart shares: one palette and marker cycle, a log-scaled budget axis, and saving into a fresh directory.</summary>
internal static class ChartStyle
{
    public static readonly ScottPlot.Palettes.Category10 Palette = new();

    public static readonly MarkerShape[] Markers =
    [
        MarkerShape.FilledCircle, MarkerShape.FilledSquare, MarkerShape.FilledTriangleUp, MarkerShape.FilledDiamond,
        MarkerShape.FilledTriangleDown, MarkerShape.OpenCircle, MarkerShape.OpenSquare, MarkerShape.OpenTriangleUp,
        MarkerShape.OpenDiamond, MarkerShape.Cross,
    ];

    public static MarkerShape Marker(int index) => Markers[index % Markers.Length];

    /// <summary>
    /// Budgets (ascending) at log10 on the x axis, one labelled tick each, padded by <paramref name="padShare"/> of
    /// the span and at least <paramref name="minPad"/> decades so the end markers are not cut.
    /// </summary>
    public static void LogBudgetAxis(Plot plot, IReadOnlyList<double> budgets, Func<double, string> label, double minPad, double padShare)
    {
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        foreach (var b in budgets) ticks.AddMajor(Math.Log10(b), label(b));
        plot.Axes.Bottom.TickGenerator = ticks;
        if (budgets.Count > 0)
        {
            var (lo, hi) = (Math.Log10(budgets[0]), Math.Log10(budgets[^1]));
            var pad = Math.Max(minPad, (hi - lo) * padShare);
            plot.Axes.SetLimitsX(lo - pad, hi + pad);
        }
    }

    public static void Save(string path, Action save)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        save();
    }
}
