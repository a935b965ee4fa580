using ScottPlot;

namespace Frugal.Reports;

/// <summary>
/// The allocation report's metric PNGs for one task, drawn with ScottPlot 5: the budget x ratio heatmap and the
/// paper's figure (metric vs budget on a log axis, one line per ratio, the base model as a dashed line). Each ratio
/// keeps one colour and marker in every chart.
/// </summary>
public static class AllocationCharts
{
    public static void SaveHeatmap(string path, AllocationTaskGrid grid)
    {
        var (rows, columns) = (grid.Budgets.Count, grid.Ratios.Count);
        // ScottPlot draws row 0 at the top: the largest budget goes there, so the budget axis grows upward.
        var values = new double[rows, columns];
        for (var i = 0; i < rows; i++)
            for (var j = 0; j < columns; j++)
                values[rows - 1 - i, j] = grid.Cell(grid.Budgets[i], grid.Ratios[j]).Score?.Mean ?? double.NaN;

        var plot = new Plot();
        var heatmap = plot.Add.Heatmap(values);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        var top = Math.Max(0.05, grid.Cells.Max(c => c.Score?.Mean ?? 0));
        heatmap.ManualRange = new ScottPlot.Range(0, top);
        heatmap.NaNCellColor = Colors.LightGray;
        plot.Add.ColorBar(heatmap).Label = "metric (higher is better)";

        for (var i = 0; i < rows; i++)
            for (var j = 0; j < columns; j++)
            {
                var cell = grid.Cell(grid.Budgets[i], grid.Ratios[j]);
                var label = plot.Add.Text(AllocationReportTables.CellText(cell, withInterval: false).Replace(" (", "\n(", StringComparison.Ordinal), j, i);
                label.Alignment = ScottPlot.Alignment.MiddleCenter;
                label.LabelFontSize = 15;
                label.LabelBold = true;
                // Viridis is dark at the low end: white text there, black on the yellow end.
                label.LabelFontColor = cell.Score is { } s && s.Mean / top <= 0.6 ? Colors.White : Colors.Black;
            }

        plot.Axes.Bottom.TickGenerator = Ticks(grid.Ratios.Select((r, j) => (j, AllocationFormat.Ratio(r))));
        plot.Axes.Left.TickGenerator = Ticks(grid.Budgets.Select((b, i) => (i, AllocationFormat.Budget(b))));
        plot.Axes.SetLimits(-0.5, columns - 0.5, -0.5, rows - 0.5);
        plot.HideGrid();
        plot.Title($"{grid.Task}: metric by budget and SFT ratio");
        plot.XLabel("SFT ratio r (share of the budget spent on demonstrations)");
        plot.YLabel("budget B (examples)");
        ChartStyle.Save(path, () => plot.SavePng(path, Math.Max(640, 150 * columns + 260), Math.Max(420, 90 * rows + 180)));
    }

    /// <summary>
    /// Metric vs budget, one line per ratio. Error bars: the Wilson 95% interval with one seed, the seed standard
    /// deviation with several. Cells no seed finished have no point.
    /// </summary>
    public static void SaveMetricVsBudget(string path, AllocationTaskGrid grid)
    {
        var plot = new Plot();
        for (var k = 0; k < grid.Ratios.Count; k++)
        {
            var ratio = grid.Ratios[k];
            var points = grid.Budgets.Select(b => (Budget: b, Score: grid.Cell(b, ratio).Score)).Where(p => p.Score is not null).ToList();
            if (points.Count == 0) continue;
            // Nudge each ratio sideways a little so error bars at the same budget do not cover each other.
            var dodge = (k - (grid.Ratios.Count - 1) / 2.0) * 0.012;
            var xs = points.Select(p => Math.Log10(p.Budget) + dodge).ToArray();
            var ys = points.Select(p => p.Score!.Mean).ToArray();
            var line = plot.Add.Scatter(xs, ys);
            Style(line, k, AllocationFormat.Ratio(ratio));
            var bars = plot.Add.ErrorBar(xs, ys, points.Select(p => p.Score!.Std ?? p.Score.High - p.Score.Mean).ToArray());
            bars.YErrorNegative = [.. points.Select(p => p.Score!.Std ?? p.Score.Mean - p.Score.Low)];
            bars.Color = line.Color;
            bars.LineWidth = 1.2f;
        }
        if (grid.Base.Score is { } score)
        {
            var line = plot.Add.HorizontalLine(score.Mean, 2, Colors.Gray, LinePattern.Dashed);
            line.LegendText = "base model";
            if (grid.Budgets.Count > 0)
                plot.Add.Marker(Math.Log10(grid.Budgets[0]) - 0.04, score.Mean, MarkerShape.FilledDiamond, 12, Colors.Gray);
        }
        BudgetAxis(plot, grid.Budgets);
        var high = grid.Cells.Select(c => c.Score?.High ?? 0).Append(grid.Base.Score?.High ?? 0).Max();
        plot.Axes.SetLimitsY(-0.02, Math.Min(1.02, Math.Max(0.1, high * 1.1)));
        var seeds = grid.Cells.Max(c => c.Done.Count);
        plot.Title($"{grid.Task}: metric vs budget, one line per SFT ratio");
        plot.XLabel("budget B (examples, log scale)");
        plot.YLabel(seeds > 1 ? "metric (mean ± std over seeds)" : "metric (95% Wilson interval)");
        plot.ShowLegend(Edge.Right);
        ChartStyle.Save(path, () => plot.SavePng(path, 960, 560));
    }

    internal static Color RatioColor(int index) => ChartStyle.Palette.GetColor(index);

    internal static void Style(ScottPlot.Plottables.Scatter line, int index, string label)
    {
        line.Color = RatioColor(index);
        line.MarkerShape = ChartStyle.Marker(index);
        line.MarkerSize = 8;
        line.LineWidth = 2;
        line.LegendText = label;
        if (index >= 10) line.LinePattern = LinePattern.Dashed;
    }

    internal static ScottPlot.TickGenerators.NumericManual Ticks(IEnumerable<(int Position, string Label)> ticks)
    {
        var manual = new ScottPlot.TickGenerators.NumericManual();
        foreach (var (position, label) in ticks) manual.AddMajor(position, label);
        return manual;
    }

    private static void BudgetAxis(Plot plot, IReadOnlyList<double> budgets) =>
        ChartStyle.LogBudgetAxis(plot, budgets, AllocationFormat.Budget, minPad: 0.1, padShare: 0.06);
}
