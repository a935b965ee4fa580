using System.Globalization;
using System.Text;
using Frugal.Studies;
using Frugal.Studies.Allocation;

namespace Frugal.Reports;

/// <summary>How the report describes its run: the command that made it, the preset, the wall time.</summary>
public sealed record AllocationReportContext(string Command, string Preset, TimeSpan Elapsed);

/// <summary>
/// An allocation study's report: cells.csv (what `frugal plan --study` reads) and report.md, per task a table of
/// the metric over budget x SFT ratio with the base model's score.
/// </summary>
public static class AllocationReport
{
    public const string MarkdownFile = "report.md";

    /// <summary>Writes the report into <paramref name="directory"/> and returns the Markdown file's path.</summary>
    public static string Write(string directory, AllocationStudySpec spec, IReadOnlyList<AllocationTrialRecord> trials, AllocationReportContext context)
    {
        Directory.CreateDirectory(directory);
        var done = trials.Where(t => t.Result is { IsDiverged: false } && !t.Result.IsBase).Select(t => t.Result!).ToList();
        AllocationCellsCsv.Write(Path.Combine(directory, AllocationCellsCsv.FileName), Cells(done));

        var md = new StringBuilder();
        md.Append(CultureInfo.InvariantCulture, $"# Allocation study ({context.Preset} preset)\n\n");
        md.Append(CultureInfo.InvariantCulture, $"Command: `{context.Command}`; {trials.Count} trials, {context.Elapsed.TotalMinutes:0.0} min.\n\n");
        foreach (var task in spec.Tasks.Select(t => t.ToString().ToLowerInvariant()))
        {
            md.Append(CultureInfo.InvariantCulture, $"## {task}\n\n| budget |");
            foreach (var r in spec.Ratios) md.Append(CultureInfo.InvariantCulture, $" r = {r:0.##} |");
            md.Append("\n|---:|").Append(string.Concat(spec.Ratios.Select(_ => "---:|"))).Append('\n');
            foreach (var b in spec.Budgets)
            {
                md.Append(CultureInfo.InvariantCulture, $"| {b:0} |");
                foreach (var r in spec.Ratios)
                {
                    var cell = done.Where(d => d.Task == task && d.Budget == b && d.SftRatio == r).ToList();
                    md.Append(cell.Count == 0 ? " - |" : string.Create(CultureInfo.InvariantCulture, $" {cell.Average(c => c.Metric):0.000} |"));
                }
                md.Append('\n');
            }
            var bases = trials.Where(t => t.Result is { IsBase: true } && t.Result.Task == task).Select(t => t.Result!).ToList();
            if (bases.Count > 0) md.Append(CultureInfo.InvariantCulture, $"\nBase model: {bases.Average(b => b.Metric):0.000}.\n\n");
        }
        var path = Path.Combine(directory, MarkdownFile);
        File.WriteAllText(path, md.ToString(), new UTF8Encoding(false));
        return path;
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
