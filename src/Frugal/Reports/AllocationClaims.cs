using Frugal.Data.Tasks;
using Frugal.Schedules;
using static Frugal.Reports.AllocationFormat;
using static System.FormattableString;

namespace Frugal.Reports;

/// <summary>
/// "Balancing the Budget"'s four findings (papers.md section 2), each decided per task by a stated rule on this
/// run's cells: (a) pure SFT is best below ~1k examples, (b) above it a mix is best, leaning to preference data as
/// the budget grows, (c) pure DPO fails on math, (d) a small SFT share recovers most of the best metric. A budget at
/// which every cell scored within the noise of zero names no winner: it is reported as having measured nothing.
/// </summary>
public static class AllocationClaims
{
    /// <summary>The paper's "about 1,000 examples": (a) looks below it, (b) at and above it.</summary>
    public const double SmallBudget = 1000;

    /// <summary>(d): the paper's "less than 10% of the budget into SFT".</summary>
    public const double SmallSftShare = 0.1;

    /// <summary>(d): "most" of the best metric means more than half of it.</summary>
    public const double MostOfBest = 0.5;

    /// <summary>How every claim turns its per-budget checks into a verdict; the report states it once, above the claims.</summary>
    public const string CommonRule = "A claim is supported when it holds at every budget that measured something (for (a) and (b): the subject is "
        + "never beaten and wins at least once), not supported when it holds at none, mixed otherwise. Two cells tie when either's mean "
        + "lies inside the other's 95% interval (the Wilson interval with one seed, widened to mean ± std over several). A budget at "
        + "which every cell scored within the Wilson interval of zero correct answers measured nothing and is left out; a claim with "
        + "no budget left, or whose cells the grid lacks, is not measured.";

    public static IReadOnlyList<AllocationClaim> Evaluate(IReadOnlyList<AllocationTaskGrid> grids)
    {
        var math = grids.Where(g => g.IsMath).Select(PureDpoFailsOnMath).ToList();
        if (math.Count == 0) math.Add(new AllocationClaim("(c)", TaskKind.Math.Name(), PureDpoStatement, PureDpoRule, AllocationVerdict.NotMeasured, ["The study has no math task."]));
        return [.. grids.Select(SftBestAtSmallBudgets), .. grids.Select(MixBestAtLargeBudgets), .. math, .. grids.Select(SmallSftShareRecovers)];
    }

    /// <summary>One budget's contribution: its outcome, or null when it measured nothing or lacks a cell the claim compares.</summary>
    private sealed record Check(AllocationContest? Outcome, string Finding, bool MeasuredNothing = false);

    public static AllocationClaim SftBestAtSmallBudgets(AllocationTaskGrid grid)
    {
        const string label = "(a)";
        const string statement = "Pure SFT (r = 1) is the best split below about 1,000 examples.";
        var rule = "At each budget below 1,000, r = 1 wins when it has the highest mean, ties when it is within the noise of the highest, "
            + "and loses when it is beaten by more (a diverged r = 1 loses).";
        var budgets = grid.Budgets.Where(b => b < SmallBudget).ToList();
        if (!grid.Ratios.Contains(1) || grid.Ratios.Count < 2) return Unmeasured(label, grid, statement, rule, "The grid has no r = 1 cell, or no other ratio to compare it with.");
        if (budgets.Count == 0) return Unmeasured(label, grid, statement, rule, "The grid has no budget below 1,000.");

        var checks = budgets.Select(b =>
        {
            var standing = AllocationStanding.At(grid, b);
            var sft = grid.Cell(b, 1);
            if (Lacking(standing, sft, out var why)) return new Check(null, Invariant($"B = {Budget(b)}: {why}."));
            if (standing.MeasuredNothing) return Nothing(b);
            var best = standing.Best;
            var outcome = AllocationStanding.Contest(sft.Score, best.Score);
            return new Check(outcome, Invariant($"B = {Budget(b)}: best {Ratio(best.Ratio)} with {Score(best.Score)}; ")
                + (sft.Score is null ? "r = 1 diverged" : $"r = 1 {Verb(outcome)}{(outcome == AllocationContest.Wins ? "" : " (" + Score(sft.Score) + ")")}") + ".");
        }).ToList();
        return Decide(label, grid, statement, rule, checks);
    }

    public static AllocationClaim MixBestAtLargeBudgets(AllocationTaskGrid grid)
    {
        const string label = "(b)";
        const string statement = "From about 1,000 examples on, a mix (0 < r < 1) is the best split, leaning to preference data (smaller r) as the budget grows.";
        var rule = "At each budget of 1,000 or more, the best mix is compared with the better of pure DPO (r = 0) and pure SFT (r = 1): it wins, "
            + "ties or loses as in (a). The lean: the best ratio must never rise from one such budget to the next and "
            + "fall at least once; a supported first part with a flat or rising best ratio is mixed.";
        static bool IsMix(double r) => r is > 0 and < 1;
        static bool IsPure(double r) => r is 0 or 1;
        var budgets = grid.Budgets.Where(b => b >= SmallBudget).ToList();
        if (!grid.Ratios.Any(IsMix) || !grid.Ratios.Any(IsPure)) return Unmeasured(label, grid, statement, rule, "The grid lacks a mix (0 < r < 1) or a pure split (r = 0 or 1).");
        if (budgets.Count == 0) return Unmeasured(label, grid, statement, rule, "The grid has no budget of 1,000 or more.");

        var winners = new List<(double Budget, double Ratio)>();
        var checks = budgets.Select(b =>
        {
            var standing = AllocationStanding.At(grid, b);
            var mix = standing.BestOf(IsMix);
            var pure = standing.BestOf(IsPure);
            if (mix is null || pure is null) return new Check(null, Invariant($"B = {Budget(b)}: no {(mix is null ? "mix" : "pure split")} finished."));
            if (standing.MeasuredNothing) return Nothing(b);
            winners.Add((b, standing.Best.Ratio));
            var outcome = AllocationStanding.Contest(mix.Value.Score, pure.Value.Score);
            return new Check(outcome, Invariant($"B = {Budget(b)}: best mix {Ratio(mix.Value.Ratio)} {Score(mix.Value.Score)} {Verb(outcome)} ")
                + Invariant($"against {Ratio(pure.Value.Ratio)} {Score(pure.Value.Score)}; best overall {Ratio(standing.Best.Ratio)}."));
        }).ToList();
        var claim = Decide(label, grid, statement, rule, checks);
        if (claim.Verdict == AllocationVerdict.NotMeasured) return claim;

        var path = string.Join(" -> ", winners.Select(w => Invariant($"{RatioValue(w.Ratio)} at {Budget(w.Budget)}")));
        var steps = winners.Zip(winners.Skip(1), (a, b) => b.Ratio - a.Ratio).ToList();
        string lean;
        var verdict = claim.Verdict;
        if (steps.Count == 0) lean = "The lean toward preference data was not measured: only one budget of 1,000 or more measured something.";
        else if (steps.All(d => d <= 0) && steps.Any(d => d < 0)) lean = $"The best ratio falls as the budget grows ({path}): leaning to preference data.";
        else
        {
            lean = $"The best ratio does not fall as the budget grows ({path}).";
            if (verdict == AllocationVerdict.Supported) verdict = AllocationVerdict.Mixed;
        }
        return claim with { Verdict = verdict, Findings = [.. claim.Findings, lean] };
    }

    private const string PureDpoStatement = "Pure DPO (r = 0) fails on math: it stays near the base model while some r > 0 does much better.";

    private const string PureDpoRule = "At each budget, it holds when r = 0 is near the base model (no better, within the noise of it, or closer to the "
        + "base's score than to the best r > 0's: the paper's Llama went from 0.15 to 0.30 against 0.70; a diverged r = 0 counts as near), "
        + "and the best r > 0 beats r = 0 by more than the noise.";

    public static AllocationClaim PureDpoFailsOnMath(AllocationTaskGrid grid)
    {
        const string label = "(c)";
        if (!grid.Ratios.Contains(0) || grid.SmallestSftRatio is null) return Unmeasured(label, grid, PureDpoStatement, PureDpoRule, "The grid lacks r = 0 or any r > 0.");
        if (grid.Base.Score is not { } baseScore) return Unmeasured(label, grid, PureDpoStatement, PureDpoRule, "The base model was not measured.");

        var checks = grid.Budgets.Select(b =>
        {
            var standing = AllocationStanding.At(grid, b);
            var dpo = grid.Cell(b, 0);
            var sft = standing.BestOf(r => r > 0);
            if (sft is null) return new Check(null, Invariant($"B = {Budget(b)}: no r > 0 cell finished."));
            if (Lacking(standing, dpo, out var why)) return new Check(null, Invariant($"B = {Budget(b)}: {why}."));
            if (standing.MeasuredNothing) return Nothing(b);
            var best = sft.Value;
            var near = dpo.Score is not { } d || d.Mean <= baseScore.Mean || d.Ties(baseScore) || d.Mean - baseScore.Mean < best.Score.Mean - d.Mean;
            var better = dpo.Score is not { } d2 ? !best.Score.IsZero : best.Score.Mean > d2.Mean && !best.Score.Ties(d2);
            var dpoText = dpo.Score is { } s ? Score(s) : "diverged";
            return new Check(near && better ? AllocationContest.Wins : AllocationContest.Loses,
                Invariant($"B = {Budget(b)}: r = 0 {dpoText}, base {Score(baseScore)} ({(near ? "near the base" : "well above the base")}); ")
                + Invariant($"best r > 0 is {Ratio(best.Ratio)} with {Score(best.Score)} ({(better ? "much better" : "not clearly better")})."));
        }).ToList();
        return Decide(label, grid, PureDpoStatement, PureDpoRule, checks);
    }

    public static AllocationClaim SmallSftShareRecovers(AllocationTaskGrid grid)
    {
        const string label = "(d)";
        const string statement = "A small SFT share (10% or less) recovers most of the best metric at its budget.";
        var rule = Invariant($"At each budget, with the grid's smallest r > 0 (it must be at most {SmallSftShare:0.##}): it holds when that cell's mean is more than ")
            + Invariant($"{MostOfBest * 100:0}% of the best cell's, or within the noise of it (a diverged cell does not hold).");
        if (grid.SmallestSftRatio is not { } small || small > SmallSftShare)
            return Unmeasured(label, grid, statement, rule, grid.SmallestSftRatio is { } s
                ? Invariant($"The grid's smallest SFT share above 0 is {Ratio(s)}; the claim needs one of at most {SmallSftShare:0.##}.")
                : "The grid has no SFT share above 0.");

        var checks = grid.Budgets.Select(b =>
        {
            var standing = AllocationStanding.At(grid, b);
            var cell = grid.Cell(b, small);
            if (Lacking(standing, cell, out var why)) return new Check(null, Invariant($"B = {Budget(b)}: {why}."));
            if (standing.MeasuredNothing) return Nothing(b);
            var best = standing.Best;
            if (cell.Score is not { } score)
                return new Check(AllocationContest.Loses, Invariant($"B = {Budget(b)}: {Ratio(small)} diverged; the best is {Ratio(best.Ratio)} with {Score(best.Score)}."));
            var fraction = best.Score.Mean > 0 ? score.Mean / best.Score.Mean : 1;
            var holds = fraction > MostOfBest || score.Ties(best.Score);
            return new Check(holds ? AllocationContest.Wins : AllocationContest.Loses,
                Invariant($"B = {Budget(b)}: {Ratio(small)} scores {Score(score)}, {Percent(fraction)} of the best ({Ratio(best.Ratio)}, {Score(best.Score)})")
                + (holds ? "." : ": not most of it."));
        }).ToList();
        return Decide(label, grid, statement, rule, checks);
    }

    /// <summary>The subject cell or every rival is missing (queued, failed, not in the results): the budget says nothing.</summary>
    private static bool Lacking(AllocationStanding standing, AllocationCellRuns subject, out string why)
    {
        why = subject.Score is null && subject.Diverged.Count == 0 ? Ratio(subject.Ratio) + " has no finished trial"
            : standing.Scored.All(s => s.Ratio == subject.Ratio) ? "no other ratio finished"
            : "";
        return why.Length > 0;
    }

    private static Check Nothing(double budget) =>
        new(null, Invariant($"B = {Budget(budget)}: measured nothing (every cell within the noise of zero)."), MeasuredNothing: true);

    private static string Verb(AllocationContest outcome) => outcome switch
    {
        AllocationContest.Wins => "wins",
        AllocationContest.Ties => "ties",
        _ => "loses",
    };

    private static AllocationClaim Decide(string label, AllocationTaskGrid grid, string statement, string rule, IReadOnlyList<Check> checks)
    {
        var outcomes = checks.Where(c => c.Outcome is not null).Select(c => c.Outcome!.Value).ToList();
        var findings = checks.Select(c => c.Finding).ToList();
        if (outcomes.Count == 0)
        {
            var lead = checks.Any(c => c.MeasuredNothing)
                ? "The study measured nothing here: every cell it compares scored within the noise of zero correct answers, so no split can be called the winner."
                : "No budget had the cells this claim compares.";
            return new AllocationClaim(label, grid.Task, statement, rule, AllocationVerdict.NotMeasured, [lead, .. findings]);
        }
        var verdict = outcomes.All(o => o == AllocationContest.Loses) ? AllocationVerdict.NotSupported
            : outcomes.Contains(AllocationContest.Loses) || !outcomes.Contains(AllocationContest.Wins) ? AllocationVerdict.Mixed
            : AllocationVerdict.Supported;
        return new AllocationClaim(label, grid.Task, statement, rule, verdict, findings);
    }

    private static AllocationClaim Unmeasured(string label, AllocationTaskGrid grid, string statement, string rule, string why) =>
        new(label, grid.Task, statement, rule, AllocationVerdict.NotMeasured, [why]);
}
