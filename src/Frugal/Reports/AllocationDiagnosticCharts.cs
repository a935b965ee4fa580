using ScottPlot;
using Frugal.Studies.Allocation;

namespace Frugal.Reports;

/// <summary>
/// The allocation report's diagnostic PNGs for one task: the answer-length distributions of the cold-start
/// analysis, and chosen and rejected log-probabilities over DPO training for a few cells.
/// </summary>
public static class AllocationDiagnosticCharts
{
    /// <summary>One box per cold-start row: the box spans the quartiles, the whiskers p10 to p90, the line is the median.</summary>
    public static void SaveLengths(string path, AllocationTaskGrid grid, IReadOnlyList<AllocationColdStartRow> rows, int cap)
    {
        var plot = new Plot();
        for (var i = 0; i < rows.Count; i++)
        {
            var sorted = rows[i].Tokens.Order().Select(t => (double)t).ToArray();
            if (sorted.Length == 0) continue;
            var box = new Box
            {
                Position = i,
                BoxMin = AllocationLengths.Percentile(sorted, 0.25),
                BoxMax = AllocationLengths.Percentile(sorted, 0.75),
                BoxMiddle = rows[i].Lengths.Median,
                WhiskerMin = rows[i].Lengths.P10,
                WhiskerMax = rows[i].Lengths.P90,
                Width = 0.6,
            };
            var colour = rows[i].Ratio is { } r ? AllocationCharts.RatioColor(grid.Ratios.ToList().IndexOf(r)) : Colors.Gray;
            // Plot.Add.Box paints each box from the palette: colour the plottable, after adding it.
            var drawn = plot.Add.Box(box);
            drawn.FillColor = colour.WithAlpha(0.45);
            drawn.LineColor = colour;
            var share = plot.Add.Text(AllocationFormat.Percent(rows[i].Lengths.CapShare) + " at cap", i, cap * 1.04);
            share.Alignment = ScottPlot.Alignment.MiddleCenter;
            share.LabelFontSize = 12;
        }
        var limit = plot.Add.HorizontalLine(cap, 1.5f, Colors.Red, LinePattern.Dashed);
        limit.LegendText = $"generation cap ({cap} tokens)";
        plot.Axes.Bottom.TickGenerator = AllocationCharts.Ticks(rows.Select((r, i) =>
            (i, r.Budget is { } b ? $"{r.Model}\nB = {AllocationFormat.Budget(b)}" : r.Model)));
        plot.Axes.SetLimits(-0.7, rows.Count - 0.3, 0, cap * 1.1);
        plot.Title($"{grid.Task}: answer lengths (box: quartiles, whiskers: p10 to p90)");
        plot.YLabel("generated tokens per answer");
        plot.ShowLegend(Edge.Bottom);
        ChartStyle.Save(path, () => plot.SavePng(path, Math.Max(720, 90 * rows.Count + 200), 560));
    }

    /// <summary>
    /// One panel per cell (first seed), each on its own scale: SFT shifts the starting log-probabilities by tens of
    /// nats, which on a shared axis would flatten the few nats DPO moves them. Chosen solid, rejected dashed.
    /// </summary>
    public static void SaveLogps(string path, AllocationTaskGrid grid, IReadOnlyList<AllocationTrialRecord> cells)
    {
        var panels = new List<Plot>();
        foreach (var record in cells)
        {
            var result = record.Result!;
            var plot = new Plot();
            foreach (var (series, name, colour, dashed) in new[]
            {
                (AllocationLogpDrift.ChosenSeries, "chosen", Colors.ForestGreen, false),
                (AllocationLogpDrift.RejectedSeries, "rejected", Colors.Crimson, true),
            })
            {
                var points = record.Series[series].OrderBy(p => p.Step).ToList();
                var line = plot.Add.Scatter(points.Select(p => (double)p.Step).ToArray(), points.Select(p => p.Value).ToArray());
                line.Color = colour;
                line.LineWidth = 2;
                line.MarkerSize = 6;
                line.LegendText = name;
                if (dashed) line.LinePattern = LinePattern.Dashed;
            }
            plot.Title($"{grid.Task}, {AllocationFormat.Ratio(result.SftRatio)}, B = {AllocationFormat.Budget(result.Budget)}");
            plot.XLabel("DPO step");
            plot.YLabel("summed log-probability (nats)");
            plot.ShowLegend(Edge.Bottom);
            plot.Legend.Orientation = Orientation.Horizontal;
            panels.Add(plot);
        }
        // A new Multiplot already holds one empty plot: start it from the first panel instead.
        var multiplot = new Multiplot(panels[0]) { Layout = new ScottPlot.MultiplotLayouts.Columns() };
        foreach (var panel in panels.Skip(1)) multiplot.AddPlot(panel);
        ChartStyle.Save(path, () => multiplot.SavePng(path, 440 * panels.Count, 480));
    }
}
