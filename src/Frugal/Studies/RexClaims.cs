using Frugal.Schedules;
using static System.FormattableString;

namespace Frugal.Studies;

/// <summary>
/// The REX paper's three headline claims (section 1 of papers.md), each decided by a stated rule on this
/// run's rankings: (a) REX is the best schedule at low budgets, (b) REX matches the best schedule at high
/// budgets, (c) linear beats step at low budgets.
/// </summary>
public static class RexClaims
{
    /// <summary>(b): REX "matches" the best other schedule when it is at most this much worse, relative.</summary>
    public const double MatchTolerancePercent = 2;

    /// <summary>(b) and (c): share of experiments in which the condition must hold for "Supported".</summary>
    public const double SupportedShare = 0.75;

    /// <summary>(b) and (c): below this share the claim is "Not supported"; in between it is "Mixed".</summary>
    public const double MixedShare = 0.5;

    private static readonly string Rex = ProfileKind.Rex.Name();
    private static readonly string Linear = ProfileKind.Linear.Name();
    private static readonly string Step = ProfileKind.Step.Name();

    public static IReadOnlyList<Claim> Evaluate(IReadOnlyList<ExperimentRanking> rankings) =>
        [BestAtLowBudgets(rankings), MatchesBestAtHighBudgets(rankings), LinearBeatsStepAtLowBudgets(rankings)];

    public static Claim BestAtLowBudgets(IReadOnlyList<ExperimentRanking> rankings)
    {
        const string label = "(a)";
        const string statement = "REX is the best schedule at low budgets (< 25%).";
        const string rule = "Supported when, over the low-budget experiments, REX has both the lowest average rank and the largest "
            + "share of first places (a tie with another schedule counts for REX); Not supported when it has neither; "
            + "Mixed when it has one.";
        var low = rankings.Where(r => r.Experiment.IsLowBudget && r.Of(Rex) is not null && r.Schedules.Count >= 2).ToList();
        if (low.Count == 0)
            return CannotTest(label, statement, rule, "No low-budget experiment ran REX and another schedule.");

        var ranks = Ranking.MeanRanks(low);
        var rexRank = ranks.Single(m => m.Schedule == Rex).Rank;
        var bestOtherRank = ranks.Where(m => m.Schedule != Rex).MinBy(m => m.Rank)!;
        var shares = Ranking.TopShares(low).Select(s => (s.Schedule, Share: s.Overall)).ToList();
        var rexShare = shares.Single(s => s.Schedule == Rex).Share;
        var bestOtherShare = shares.Where(s => s.Schedule != Rex).MaxBy(s => s.Share.FirstPercent)!;
        var lowestRank = rexRank <= bestOtherRank.Rank;
        var mostWins = rexShare.FirstPercent >= bestOtherShare.Share.FirstPercent;

        var cells = Ranking.AverageRanks(low).GroupBy(b => (b.Optimizer, b.Budget)).ToList();
        var rexBestCells = cells.Count(c => c.Single(b => b.Schedule == Rex).Rank <= c.Min(b => b.Rank));

        var findings = new List<string>
        {
            Invariant($"Average rank over {low.Count} low-budget experiments (1 = best): ")
                + string.Join(", ", ranks.OrderBy(m => m.Rank).Select(m => Invariant($"{m.Schedule} {m.Rank:0.00}"))) + ".",
            Invariant($"REX finished first in {rexShare.First} of {rexShare.Experiments} ({rexShare.FirstPercent:0}%); ")
                + Invariant($"the most among the others: {bestOtherShare.Schedule}, {bestOtherShare.Share.First} of {bestOtherShare.Share.Experiments} ({bestOtherShare.Share.FirstPercent:0}%)."),
            Invariant($"REX had the lowest average rank in {rexBestCells} of {cells.Count} (optimizer, budget) cells below 25% (Figure 1; ties count)."),
        };
        var verdict = (lowestRank, mostWins) switch
        {
            (true, true) => ClaimVerdict.Supported,
            (false, false) => ClaimVerdict.NotSupported,
            _ => ClaimVerdict.Mixed,
        };
        return new Claim(label, statement, rule, verdict, findings, []);
    }

    public static Claim MatchesBestAtHighBudgets(IReadOnlyList<ExperimentRanking> rankings)
    {
        const string label = "(b)";
        const string statement = "REX matches the best schedule at high budgets (>= 25%).";
        var rule = Invariant($"In each high-budget experiment REX matches when its score is at most {MatchTolerancePercent:0}% worse (relative) ")
            + "than the best other schedule's, or worse by no more than one seed standard deviation (the larger of the two "
            + "schedules', when there are two or more seeds); a diverged REX does not match. "
            + Invariant($"Supported when REX matches in at least {SupportedShare * 100:0}% of the high-budget experiments, ")
            + Invariant($"Mixed from {MixedShare * 100:0}% up to that, Not supported below {MixedShare * 100:0}%.");
        var comparisons = rankings
            .Where(r => !r.Experiment.IsLowBudget && r.Of(Rex) is not null && r.Schedules.Count >= 2)
            .Select(r =>
            {
                var rex = r.Of(Rex)!;
                var best = r.Schedules.Where(s => s.Schedule != Rex && s.IsScored).MinBy(s => s.Score);
                var std = MaxStd(rex, best);
                var gap = Gap(rex.Score, best?.Score);
                var holds = rex.IsScored && (best is null
                    || gap <= MatchTolerancePercent
                    || (std is { } sd && rex.Score!.Value - best.Score!.Value <= sd));
                return new ScoreComparison(r.Experiment, Rex, rex.Score, best?.Schedule, best?.Score, gap, std, holds);
            })
            .ToList();
        if (comparisons.Count == 0)
            return CannotTest(label, statement, rule, "No high-budget experiment ran REX and another schedule.");

        var matched = comparisons.Count(c => c.Holds);
        var findings = new List<string>
        {
            Invariant($"REX matched the best other schedule in {matched} of {comparisons.Count} high-budget experiments ({100.0 * matched / comparisons.Count:0}%)."),
        };
        var gaps = comparisons.Where(c => c.GapPercent is not null).Select(c => c.GapPercent!.Value).ToList();
        if (gaps.Count > 0)
            findings.Add(Invariant($"Gap of REX to the best other schedule: median {Median(gaps):+0.00;-0.00;0.00}%, worst {gaps.Max():+0.00;-0.00;0.00}% (negative = REX better)."));
        var diverged = comparisons.Count(c => c.SubjectScore is null);
        if (diverged > 0) findings.Add(Invariant($"REX diverged or failed on every seed in {diverged} of them."));
        return new Claim(label, statement, rule, ByShare(matched, comparisons.Count), findings, comparisons);
    }

    public static Claim LinearBeatsStepAtLowBudgets(IReadOnlyList<ExperimentRanking> rankings)
    {
        const string label = "(c)";
        const string statement = "Linear beats step at low budgets (< 25%).";
        var rule = "In each low-budget experiment that ran both, linear wins when its score is lower than step's "
            + "(a scored schedule beats a diverged one; a tie is no win). "
            + Invariant($"Supported when linear wins in at least {SupportedShare * 100:0}% of them, Mixed from {MixedShare * 100:0}% up to that, ")
            + Invariant($"Not supported below {MixedShare * 100:0}%.");
        var comparisons = rankings
            .Where(r => r.Experiment.IsLowBudget && r.Of(Linear) is not null && r.Of(Step) is not null)
            .Select(r =>
            {
                var linear = r.Of(Linear)!;
                var step = r.Of(Step)!;
                return new ScoreComparison(r.Experiment, Linear, linear.Score, Step, step.Score,
                    Gap(linear.Score, step.Score), MaxStd(linear, step), linear.Rank < step.Rank);
            })
            .ToList();
        if (comparisons.Count == 0)
            return CannotTest(label, statement, rule, "No low-budget experiment ran both linear and step.");

        var wins = comparisons.Count(c => c.Holds);
        var findings = new List<string>
        {
            Invariant($"Linear's score was lower than step's in {wins} of {comparisons.Count} low-budget experiments ({100.0 * wins / comparisons.Count:0}%)."),
        };
        var gaps = comparisons.Where(c => c.GapPercent is not null).Select(c => c.GapPercent!.Value).ToList();
        if (gaps.Count > 0)
            findings.Add(Invariant($"Median gap of linear to step: {Median(gaps):+0.00;-0.00;0.00}% (negative = linear better)."));
        return new Claim(label, statement, rule, ByShare(wins, comparisons.Count), findings, comparisons);
    }

    private static Claim CannotTest(string label, string statement, string rule, string why) =>
        new(label, statement, rule, ClaimVerdict.CannotBeTested, [why], []);

    private static ClaimVerdict ByShare(int holds, int total)
    {
        var share = (double)holds / total;
        return share >= SupportedShare ? ClaimVerdict.Supported
            : share >= MixedShare ? ClaimVerdict.Mixed
            : ClaimVerdict.NotSupported;
    }

    private static double? Gap(double? subject, double? reference)
    {
        if (subject is not { } s || reference is not { } r) return null;
        // A reference of exactly 0 (0% test error) makes any worse score infinitely worse, relatively.
        if (r == 0) return s == 0 ? 0 : s > 0 ? double.PositiveInfinity : double.NegativeInfinity;
        return 100 * (s - r) / Math.Abs(r);
    }

    private static double? MaxStd(ScheduleStanding a, ScheduleStanding? b) =>
        (a.Std, b?.Std) switch
        {
            (null, null) => null,
            ({ } x, null) => x,
            (null, { } y) => y,
            ({ } x, { } y) => Math.Max(x, y),
        };

    private static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToList();
        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
