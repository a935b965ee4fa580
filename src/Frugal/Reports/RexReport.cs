using System.Text;
using System.Text.RegularExpressions;
using Frugal.Schedules;
using Frugal.Studies;

namespace Frugal.Reports;

/// <summary>
/// Writes a REX study's report into one directory: results.csv, the PNGs, report.md (linking them) and
/// report.html (embedding them), both rendered from the same <see cref="RexDocument"/>.
/// </summary>
public static partial class RexReport
{
    public const string ResultsFile = "results.csv";
    public const string RanksFigure = "figure1-ranks.png";
    public const string LearningRatesFigure = "lr-curves.png";
    public const string MarkdownFile = "report.md";
    public const string HtmlFile = "report.html";

    /// <summary>Writes every file and returns their paths.</summary>
    public static IReadOnlyList<string> Write(string outDir, IReadOnlyList<TrialOutcome> outcomes, RexReportContext context)
    {
        if (outcomes.Count == 0) throw new BadInputException("the study has no trials: nothing to report (run `frugal study rex` first)");
        Directory.CreateDirectory(outDir);
        var written = new List<string>();
        string At(string file)
        {
            var path = Path.Combine(outDir, file);
            written.Add(path);
            return path;
        }

        var analysis = RexAnalysis.Of(outcomes);
        var schedules = Ranking.Schedules(analysis.Rankings);
        RexResultsCsv.Write(At(ResultsFile), outcomes);

        string? ranks = null;
        if (analysis.AverageRanks.Count > 0)
        {
            RexCharts.SaveRanks(At(RanksFigure), analysis.AverageRanks, schedules);
            ranks = RanksFigure;
        }

        var metrics = new Dictionary<(string Setting, string Optimizer), string>();
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { ResultsFile, RanksFigure, LearningRatesFigure, MarkdownFile, HtmlFile };
        foreach (var group in analysis.Rankings.GroupBy(r => (r.Experiment.Setting, r.Experiment.Optimizer)))
        {
            if (!group.Any(r => r.Schedules.Any(s => s.IsScored))) continue;
            var file = Unique($"{SafeName(group.Key.Setting)}-{SafeName(group.Key.Optimizer)}-metric", taken);
            var metric = outcomes.First(o => o.Setting == group.Key.Setting).MetricName;
            RexCharts.SaveMetric(At(file), $"{group.Key.Setting}, {group.Key.Optimizer}", metric, group.ToList(), schedules);
            metrics[group.Key] = file;
        }

        string? learningRates = null;
        var kinds = schedules.Select(s => ProfileKinds.TryParse(s, out var k) ? k : (ProfileKind?)null)
            .OfType<ProfileKind>().Where(k => k.IsFunctionOfProgress()).ToList();
        if (kinds.Count > 0)
        {
            RexCharts.SaveLearningRates(At(LearningRatesFigure), kinds, schedules);
            learningRates = LearningRatesFigure;
        }

        var document = RexReportBuilder.Build(outcomes, analysis, context, new RexFigureFiles(ranks, metrics, learningRates));
        var utf8 = new UTF8Encoding(false);
        File.WriteAllText(At(MarkdownFile), RexMarkdown.Render(document), utf8);
        File.WriteAllText(At(HtmlFile), RexHtml.Render(document, file => File.ReadAllBytes(Path.Combine(outDir, file))), utf8);
        return written;
    }

    /// <summary>A file-name stem from a setting such as "fashion-mnist/mlp": only letters, digits, '.', '_' and '-'.</summary>
    public static string SafeName(string name)
    {
        var safe = Unsafe().Replace(name, "-").Trim('-', '.');
        return safe.Length == 0 ? "x" : safe;
    }

    // "a/b" and "a-b" both become "a-b": the second one gets a number.
    private static string Unique(string stem, HashSet<string> taken)
    {
        var file = stem + ".png";
        for (var i = 2; !taken.Add(file); i++) file = $"{stem}-{i}.png";
        return file;
    }

    [GeneratedRegex("[^A-Za-z0-9._-]+")]
    private static partial Regex Unsafe();
}
