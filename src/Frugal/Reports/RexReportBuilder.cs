using Frugal.Schedules;
using Frugal.Studies;
using static System.FormattableString;

namespace Frugal.Reports;

/// <summary>File names of the figures <see cref="RexReport"/> drew; null (or absent) where there was nothing to draw.</summary>
public sealed record RexFigureFiles(
    string? Ranks,
    IReadOnlyDictionary<(string Setting, string Optimizer), string> Metrics,
    string? LearningRates);

/// <summary>Builds the REX report's <see cref="RexDocument"/>: what it says and in which order, for every output format.</summary>
public static class RexReportBuilder
{
    /// <summary>The REX paper's Table 1 (top-1 % / top-3 %): overall, and for REX alone the low and high budget split.</summary>
    private static readonly Dictionary<string, (TopPair Overall, TopPair? Low, TopPair? High)> Paper = new()
    {
        [ProfileKind.Rex.Name()] = (new(70, 92), new(73, 95), new(67, 88)),
        [ProfileKind.Linear.Name()] = (new(11, 70), null, null),
        [ProfileKind.Cosine.Name()] = (new(6, 64), null, null),
        [ProfileKind.OneCycle.Name()] = (new(13, 45), null, null),
        [ProfileKind.Step.Name()] = (new(5, 25), null, null),
        [ProfileKind.Exponential.Name()] = (new(5, 11), null, null),
        [ProfileKind.Constant.Name()] = (new(1, 5), null, null),
    };

    private const int PaperSchedules = 7;

    private sealed record TopPair(int First, int Top3)
    {
        public override string ToString() => $"{First} / {Top3}";
    }

    public static RexDocument Build(IReadOnlyList<TrialOutcome> outcomes, RexAnalysis analysis, RexReportContext context, RexFigureFiles figures)
    {
        var blocks = new List<RexBlock>();
        var schedules = Ranking.Schedules(analysis.Rankings);
        // Settings differ in scale (test error in %, VAE loss in nats): one number of decimals per setting, in every table.
        var decimals = analysis.Rankings.GroupBy(r => r.Experiment.Setting).ToDictionary(
            g => g.Key, g => RexFormat.Decimals(g.SelectMany(r => r.Schedules).Where(s => s.IsScored).Select(s => s.Score!.Value)));
        Header(blocks, outcomes, analysis, context);
        Summary(blocks, analysis);
        Settings(blocks, outcomes, context);
        Results(blocks, outcomes, analysis, context, figures, decimals);
        TableOne(blocks, analysis, schedules);
        FigureOne(blocks, analysis, figures, schedules);
        LearningRates(blocks, figures, schedules);
        Claims(blocks, analysis, decimals);
        return new RexDocument(context.Title, blocks);
    }

    private static void Header(List<RexBlock> blocks, IReadOnlyList<TrialOutcome> outcomes, RexAnalysis analysis, RexReportContext context)
    {
        int Count(TrialStatus s) => outcomes.Count(o => o.Status == s);
        var unfinished = Count(TrialStatus.Queued) + Count(TrialStatus.Running);
        var low = analysis.Rankings.Count(r => r.Experiment.IsLowBudget);
        blocks.Add(RexParagraph.Of("Command that produced this study:"));
        blocks.Add(new RexCodeBlock(context.Command));
        blocks.Add(new RexBulletList(
        [
            [new("Preset:", RexSpanStyle.Bold), new(" "), new(context.Preset, RexSpanStyle.Code)],
            [new("Wall time:", RexSpanStyle.Bold), new(" " + RexFormat.Duration(context.WallTime))],
            [new("Trials:", RexSpanStyle.Bold), new(" " + Invariant($"{outcomes.Count} (done {Count(TrialStatus.Done)}, diverged {Count(TrialStatus.Diverged)}, failed {Count(TrialStatus.Failed)}, unfinished {unfinished})"))],
            [new("Experiments (setting x optimizer x budget):", RexSpanStyle.Bold),
                new(Invariant($" {analysis.Rankings.Count}: {low} at low budget (< 25%), {analysis.Rankings.Count - low} at high budget (>= 25%)"))],
        ]));
        blocks.Add(RexParagraph.Of(
            "Every metric is lower-is-better. Within an experiment each schedule's score is the mean of the metric over its seeds "
            + "that finished (Done); schedules are ranked by score, ties share the average of their ranks, and a schedule whose "
            + "every seed diverged or failed ranks behind all scored ones. \"Low budget\" means under 25% of the full epoch count, "
            + "as in the REX paper (Chen, Wolfe, Kyrillidis, MLSys 2022)."));
        if (unfinished > 0)
            blocks.Add(RexParagraph.Of(Invariant($"{unfinished} {(unfinished == 1 ? "trial" : "trials")} had not finished when this report was written; left out of every number below.")));
    }

    private static void Summary(List<RexBlock> blocks, RexAnalysis analysis)
    {
        blocks.Add(new RexHeading(2, "Summary of the paper's claims"));
        blocks.Add(new RexBulletList(analysis.Claims
            .Select(c => (IReadOnlyList<RexSpan>)[new($"{c.Label} {c.Statement} "), new(c.Verdict.Label() + ".", RexSpanStyle.Bold)])
            .ToList()));
    }

    private static void Settings(List<RexBlock> blocks, IReadOnlyList<TrialOutcome> outcomes, RexReportContext context)
    {
        blocks.Add(new RexHeading(2, "Settings and full budgets"));
        var rows = SettingsOf(outcomes, context).Select(setting =>
        {
            var metric = outcomes.FirstOrDefault(o => o.Setting == setting)?.MetricName ?? "—";
            var budget = context.Settings.GetValueOrDefault(setting);
            return (IReadOnlyList<RexCell>)
            [
                new(setting), new(metric), new(budget is null ? "not given" : Invariant($"{budget.FullEpochs:0.##} epochs")),
                new(budget?.Justification ?? "not given"),
            ];
        }).ToList();
        blocks.Add(new RexTable(["Setting", "Metric (lower is better)", "100% budget", "Why this many epochs"], rows, TextColumns: 4));
    }

    private static void Results(List<RexBlock> blocks, IReadOnlyList<TrialOutcome> outcomes, RexAnalysis analysis, RexReportContext context,
        RexFigureFiles figures, Dictionary<string, int> decimals)
    {
        blocks.Add(new RexHeading(2, "Results per setting and optimizer"));
        foreach (var group in analysis.Rankings.GroupBy(r => (r.Experiment.Setting, r.Experiment.Optimizer)))
        {
            var (setting, optimizer) = group.Key;
            var rankings = group.ToList();
            var trials = outcomes.Where(o => o.Setting == setting && o.Optimizer == optimizer).ToList();
            var metric = trials[0].MetricName;
            var seeds = trials.Select(o => o.Seed).Distinct().Count();
            var rows = Ranking.Schedules(rankings).Select(schedule =>
            {
                var cells = new List<RexCell> { new(schedule) };
                foreach (var r in rankings)
                    cells.Add(r.Of(schedule) is { } s ? new RexCell(RexFormat.Score(s, decimals[setting]), s.IsFirst) : new RexCell("—"));
                return (IReadOnlyList<RexCell>)cells;
            }).ToList();

            blocks.Add(new RexHeading(3, $"{setting}, {optimizer}"));
            var full = context.Settings.GetValueOrDefault(setting) is { } b ? Invariant($"; 100% = {b.FullEpochs:0.##} epochs") : "";
            blocks.Add(RexParagraph.Of(
                $"{metric} (lower is better), " + (seeds > 1 ? Invariant($"mean ± std over {seeds} seeds") : "one seed")
                + $"{full}. Bold: the best schedule in each budget column."));
            blocks.Add(new RexTable(["Schedule", .. rankings.Select(r => RexFormat.Budget(r.Experiment.Budget))], rows));
            if (figures.Metrics.TryGetValue(group.Key, out var file))
                blocks.Add(new RexFigure(file, $"{metric} vs budget, {setting}, {optimizer}",
                    $"{metric} vs budget for {setting} with {optimizer}, one line per schedule"
                    + (seeds > 1 ? "; error bars: standard deviation over seeds." : ".")
                    + " Diverged schedules have no point."));
        }
    }

    private static void TableOne(List<RexBlock> blocks, RexAnalysis analysis, IReadOnlyList<string> schedules)
    {
        blocks.Add(new RexHeading(2, "Table 1: how often each schedule finishes first and in the top 3"));
        var low = analysis.Rankings.Count(r => r.Experiment.IsLowBudget);
        blocks.Add(RexParagraph.Of(Invariant(
            $"Percentage of experiments in which the schedule finished first / in the top 3 (a tie at first counts for each tied schedule; a schedule that diverged on every seed counts for neither). ")
            + Invariant($"This run: {analysis.Rankings.Count} experiments, {low} at low budget, {analysis.Rankings.Count - low} at high; ")
            + Invariant($"{schedules.Count} schedules compete. The paper: 28 experiments, {PaperSchedules} schedules (its Table 1 has no plateau row; its \"none\" is our constant), ")
            + "and it gives the low/high split for REX only."
            + (schedules.Count != PaperSchedules ? " With a different number of competitors the top-3 shares are not directly comparable." : "")));
        var rows = analysis.TopShares.Select(s =>
        {
            var paper = Paper.GetValueOrDefault(s.Schedule);
            var name = s.Schedule == ProfileKind.Constant.Name() ? "constant (paper: none)" : s.Schedule;
            return (IReadOnlyList<RexCell>)
            [
                new(name),
                new(Pair(s.Overall)), new(paper.Overall?.ToString() ?? "—"),
                new(Pair(s.Low)), new(paper.Low?.ToString() ?? "—"),
                new(Pair(s.High)), new(paper.High?.ToString() ?? "—"),
            ];
        }).ToList();
        blocks.Add(new RexTable(
            ["Schedule", "Overall, ours", "Overall, paper", "Low (< 25%), ours", "Low, paper", "High (>= 25%), ours", "High, paper"], rows));
    }

    private static string Pair(TopShare share) => $"{RexFormat.Percent(share.FirstPercent)} / {RexFormat.Percent(share.Top3Percent)}";

    private static void FigureOne(List<RexBlock> blocks, RexAnalysis analysis, RexFigureFiles figures, IReadOnlyList<string> schedules)
    {
        blocks.Add(new RexHeading(2, "Figure 1: average rank by budget"));
        var settings = analysis.Rankings.Select(r => r.Experiment.Setting).Distinct().Count();
        if (figures.Ranks is { } file)
            blocks.Add(new RexFigure(file, "Average rank vs budget per optimizer",
                Invariant($"Each schedule's rank averaged over the {settings} settings at each budget (1 = best of {schedules.Count}). ")
                + "In the paper's Figure 1 REX has the best average rank at every budget, for SGDM and for Adam."));
        foreach (var group in analysis.AverageRanks.GroupBy(b => b.Optimizer))
        {
            var budgets = group.Select(b => b.Budget).Distinct().Order().ToList();
            var best = budgets.ToDictionary(b => b, b => group.Where(x => x.Budget == b).Min(x => x.Rank));
            var rows = schedules.Where(s => group.Any(b => b.Schedule == s)).Select(schedule =>
            {
                var cells = new List<RexCell> { new(schedule) };
                foreach (var budget in budgets)
                {
                    var point = group.FirstOrDefault(b => b.Schedule == schedule && b.Budget == budget);
                    cells.Add(point is null ? new RexCell("—") : new RexCell(RexFormat.Number(point.Rank, 2), point.Rank == best[budget]));
                }
                return (IReadOnlyList<RexCell>)cells;
            }).ToList();
            blocks.Add(RexParagraph.Of($"Average rank, {group.Key} (bold: the best in each budget column)."));
            blocks.Add(new RexTable(["Schedule", .. budgets.Select(RexFormat.Budget)], rows));
        }
    }

    private static void LearningRates(List<RexBlock> blocks, RexFigureFiles figures, IReadOnlyList<string> schedules)
    {
        if (figures.LearningRates is not { } file) return;
        blocks.Add(new RexHeading(2, "The schedules"));
        var plateau = schedules.Contains(ProfileKind.Plateau.Name())
            ? " Plateau is not drawn: it is driven by the validation metric (the rate drops when the metric stops improving), not by progress, so it has no curve of its own."
            : "";
        blocks.Add(new RexFigure(file, "Learning-rate profiles",
            "Each progress-driven schedule's learning rate as a fraction of its peak over a normalised budget, sampled every iteration "
            + "with the paper's parameters (REX beta 1/2, exponential gamma -3, step at 50% and 75% by 0.1, OneCycle from 0.1 of the peak)." + plateau));
    }

    private static void Claims(List<RexBlock> blocks, RexAnalysis analysis, Dictionary<string, int> decimals)
    {
        blocks.Add(new RexHeading(2, "Claims"));
        foreach (var claim in analysis.Claims)
        {
            blocks.Add(new RexHeading(3, $"{claim.Label} {claim.Statement}"));
            blocks.Add(new RexVerdict(claim.Verdict));
            blocks.Add(new RexParagraph([new("Rule:", RexSpanStyle.Bold), new(" " + claim.Rule)]));
            blocks.Add(new RexBulletList(claim.Findings.Select(f => (IReadOnlyList<RexSpan>)[new RexSpan(f)]).ToList()));
            if (claim.Comparisons.Count > 0) blocks.Add(ComparisonTable(claim.Comparisons, decimals));
        }
    }

    private static RexTable ComparisonTable(IReadOnlyList<ScoreComparison> comparisons, Dictionary<string, int> decimals)
    {
        var subject = comparisons[0].Subject;
        var references = comparisons.Select(c => c.Reference).Distinct().ToList();
        var oneReference = references.Count == 1 && references[0] is not null;
        var rows = comparisons.Select(c =>
        {
            var d = decimals[c.Experiment.Setting];
            string Score(double? s) => s is { } v ? RexFormat.Number(v, d) : "diverged";
            return (IReadOnlyList<RexCell>)
            [
                new(c.Experiment.Setting), new(c.Experiment.Optimizer), new(RexFormat.Budget(c.Experiment.Budget)),
                new(Score(c.SubjectScore)),
                new(oneReference ? Score(c.ReferenceScore) : c.Reference is null ? "none scored" : $"{c.Reference} {Score(c.ReferenceScore)}"),
                new(RexFormat.Gap(c.GapPercent)),
                new(c.Std is { } sd ? RexFormat.Number(sd, d) : "—"),
                new(c.Holds ? "yes" : "no", c.Holds),
            ];
        }).ToList();
        return new RexTable(
            ["Setting", "Optimizer", "Budget", subject, oneReference ? references[0]! : "best other", "Gap", "Seed std", "Rule met"],
            rows, TextColumns: 2);
    }

    private static IEnumerable<string> SettingsOf(IReadOnlyList<TrialOutcome> outcomes, RexReportContext context) =>
        outcomes.Select(o => o.Setting).Concat(context.Settings.Keys).Distinct();
}
