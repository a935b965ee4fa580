using System.Globalization;
using Frugal.Schedules;
using Frugal.Studies;
using ScottPlot;

namespace Frugal.Reports;

/// <summary>
/// The REX report's PNGs, drawn with ScottPlot 5. Budgets go on a log axis (1% to 100% spans two decades)
/// labelled in percent; each schedule keeps one colour and marker across every chart.
/// </summary>
public static class RexCharts
{
    /// <summary>Figure 1 of the paper: average rank vs budget, one line per schedule, one panel per optimizer.</summary>
    public static void SaveRanks(string path, IReadOnlyList<BudgetRank> ranks, IReadOnlyList<string> schedules)
    {
        var optimizers = ranks.Select(r => r.Optimizer).Distinct().ToList();
        var budgets = ranks.Select(r => r.Budget).Distinct().Order().ToList();
        var panels = new List<Plot>();
        foreach (var optimizer in optimizers)
        {
            var plot = new Plot();
            foreach (var schedule in schedules)
            {
                var points = ranks.Where(r => r.Optimizer == optimizer && r.Schedule == schedule).OrderBy(r => r.Budget).ToList();
                if (points.Count == 0) continue;
                var line = plot.Add.Scatter(points.Select(p => Math.Log10(p.Budget)).ToArray(), points.Select(p => p.Rank).ToArray());
                Style(line, schedules, schedule);
            }
            BudgetAxis(plot, budgets);
            // Rank 1 is best: draw it at the top, as the paper does.
            plot.Axes.SetLimitsY(schedules.Count + 0.4, 0.6);
            plot.Title($"Figure 1: average rank, {optimizer}");
            plot.XLabel("budget (% of the full epochs)");
            plot.YLabel("average rank over settings (1 = best)");
            // Below the axes, in rows: a legend at the side would take a third of each narrow panel.
            plot.ShowLegend(Edge.Bottom);
            plot.Legend.Orientation = Orientation.Horizontal;
            panels.Add(plot);
        }
        // A new Multiplot already holds one empty plot: start it from the first panel instead.
        var multiplot = new Multiplot(panels[0]) { Layout = new ScottPlot.MultiplotLayouts.Columns() };
        foreach (var panel in panels.Skip(1)) multiplot.AddPlot(panel);
        ChartStyle.Save(path, () => multiplot.SavePng(path, 540 * panels.Count, 620));
    }

    /// <summary>One setting and optimizer: each schedule's score vs budget, error bars = std over seeds.</summary>
    public static void SaveMetric(string path, string title, string metricName, IReadOnlyList<ExperimentRanking> rankings, IReadOnlyList<string> schedules)
    {
        var plot = new Plot();
        var budgets = rankings.Select(r => r.Experiment.Budget).Distinct().Order().ToList();
        for (var i = 0; i < schedules.Count; i++)
        {
            var points = rankings
                .Select(r => (r.Experiment.Budget, Standing: r.Of(schedules[i])))
                .Where(p => p.Standing is { IsScored: true })
                .OrderBy(p => p.Budget)
                .ToList();
            if (points.Count == 0) continue;
            // Nudge each schedule sideways a little so error bars at the same budget do not cover each other.
            var dodge = (i - (schedules.Count - 1) / 2.0) * 0.012;
            var xs = points.Select(p => Math.Log10(p.Budget) + dodge).ToArray();
            var ys = points.Select(p => p.Standing!.Score!.Value).ToArray();
            var line = plot.Add.Scatter(xs, ys);
            Style(line, schedules, schedules[i]);
            if (points.Any(p => p.Standing!.Std is not null))
            {
                var bars = plot.Add.ErrorBar(xs, ys, points.Select(p => p.Standing!.Std ?? 0).ToArray());
                bars.Color = line.Color;
                bars.LineWidth = 1.2f;
            }
        }
        BudgetAxis(plot, budgets);
        plot.Title(title);
        plot.XLabel("budget (% of the full epochs)");
        plot.YLabel($"{metricName} (lower is better)");
        plot.ShowLegend(Edge.Right);
        ChartStyle.Save(path, () => plot.SavePng(path, 960, 560));
    }

    /// <summary>lr / peak lr over a normalised budget for each progress-driven profile, sampled every iteration.</summary>
    public static void SaveLearningRates(string path, IReadOnlyList<ProfileKind> kinds, IReadOnlyList<string> schedules)
    {
        const int steps = 1000;
        var plot = new Plot();
        foreach (var kind in kinds.Where(k => k.IsFunctionOfProgress()))
        {
            var schedule = new Schedule(ProfileOptions.Paper.Create(kind));
            var xs = Enumerable.Range(0, steps).Select(t => (double)t / steps).ToArray();
            var ys = Enumerable.Range(0, steps).Select(t => schedule.LearningRate(1, t, steps)).ToArray();
            var line = plot.Add.ScatterLine(xs, ys);
            Style(line, schedules, kind.Name());
            line.MarkerSize = 0;
        }
        plot.Title("Learning-rate profiles, re-fitted to any budget");
        plot.XLabel("progress p = t / T");
        plot.YLabel("lr / peak lr");
        plot.Axes.SetLimits(-0.02, 1.02, -0.03, 1.05);
        plot.ShowLegend(Edge.Right);
        ChartStyle.Save(path, () => plot.SavePng(path, 960, 520));
    }

    private static void Style(ScottPlot.Plottables.Scatter line, IReadOnlyList<string> schedules, string schedule)
    {
        var i = Math.Max(0, schedules.ToList().IndexOf(schedule));
        line.Color = ChartStyle.Palette.GetColor(i);
        line.MarkerShape = ChartStyle.Marker(i);
        line.MarkerSize = 8;
        line.LegendText = schedule;
        line.LineWidth = schedule == ProfileKind.Rex.Name() ? 3.5f : 1.8f;
        // Ten colours; beyond them the dash tells lines apart.
        if (i >= 10) line.LinePattern = LinePattern.Dashed;
    }

    private static void BudgetAxis(Plot plot, IReadOnlyList<double> budgets) =>
        ChartStyle.LogBudgetAxis(plot, budgets, b => (100 * b).ToString("0.##", CultureInfo.InvariantCulture) + "%", minPad: 0.08, padShare: 0.05);
}
