using System.Text;
using Frugal.Studies;
using Frugal.Studies.Allocation;

namespace Frugal.Reports;

/// <summary>How the report describes its run: the command that made it, the preset, the wall time.</summary>
public sealed record AllocationReportContext(string Command, string Preset, TimeSpan Elapsed);

/// <summary>
/// An allocation study's report, written into one directory: cells.csv (what `frugal plan --study` reads), per
/// task four PNGs (heatmap, metric vs budget, answer lengths, DPO log-probabilities), and report.md (linking them)
/// and report.html (embedding them), both rendered from the same <see cref="RexDocument"/>.
/// </summary>
public static class AllocationReport
{
    public const string MarkdownFile = "report.md";
    public const string HtmlFile = "report.html";

    /// <summary>Writes the report into <paramref name="directory"/> and returns the Markdown file's path.</summary>
    public static string Write(string directory, AllocationStudySpec spec, IReadOnlyList<AllocationTrialRecord> trials, AllocationReportContext context)
    {
        Directory.CreateDirectory(directory);
        var done = trials.Where(t => t.Result is { IsDiverged: false } && !t.Result.IsBase).Select(t => t.Result!).ToList();
        AllocationCellsCsv.Write(Path.Combine(directory, AllocationCellsCsv.FileName), Cells(done));

        var analysis = AllocationAnalysis.Of(spec, trials);
        var figures = analysis.Tasks.ToDictionary(t => t.Grid.Task, t => Figures(directory, t, spec.MaxNewTokens));
        var document = AllocationReportBuilder.Build(spec, trials, context, analysis, figures);
        var utf8 = new UTF8Encoding(false);
        var path = Path.Combine(directory, MarkdownFile);
        File.WriteAllText(path, RexMarkdown.Render(document), utf8);
        File.WriteAllText(Path.Combine(directory, HtmlFile), RexHtml.Render(document, file => File.ReadAllBytes(Path.Combine(directory, file))), utf8);
        return path;
    }

    /// <summary>Draws a task's PNGs; a chart with nothing to show is not drawn.</summary>
    private static AllocationTaskFigures Figures(string directory, AllocationTaskAnalysis task, int cap)
    {
        var grid = task.Grid;
        var stem = RexReport.SafeName(grid.Task);
        string Draw(string suffix, Action<string> save)
        {
            var file = $"{stem}-{suffix}.png";
            save(Path.Combine(directory, file));
            return file;
        }

        var scored = grid.Cells.Any(c => c.Score is not null);
        return new AllocationTaskFigures(
            scored ? Draw("heatmap", p => AllocationCharts.SaveHeatmap(p, grid)) : null,
            scored ? Draw("metric-vs-budget", p => AllocationCharts.SaveMetricVsBudget(p, grid)) : null,
            task.ColdStart.Count > 0 ? Draw("response-lengths", p => AllocationDiagnosticCharts.SaveLengths(p, grid, task.ColdStart, cap)) : null,
            task.Showcase.Count > 0 ? Draw("dpo-logps", p => AllocationDiagnosticCharts.SaveLogps(p, grid, task.Showcase)) : null);
    }

    /// <summary>Mean and seed standard deviation of the metric per (task, budget, ratio), over the seeds that finished.</summary>
    public static IReadOnlyList<AllocationCell> Cells(IEnumerable<AllocationTrialResult> results) =>
        [.. results.GroupBy(r => (r.Task, r.Budget, r.SftRatio)).OrderBy(g => g.Key.Task).ThenBy(g => g.Key.Budget).ThenBy(g => g.Key.SftRatio)
            .Select(g =>
            {
                var values = g.Select(r => r.Metric).ToList();
                var mean = values.Average();
                var std = values.Count > 1 ? Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1)) : 0;
                return new AllocationCell(g.Key.Task, g.Key.Budget, g.Key.SftRatio, mean, std, values.Count);
            })];
}
