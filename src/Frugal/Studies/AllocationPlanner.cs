using System.Globalization;

namespace Frugal.Studies;

/// <summary>
/// Recommends an SFT ratio for a data budget: from a measured allocation study when there is one, else
/// from the Balancing-the-Budget paper's findings (Raghavendra, Kang, Ritter, ACL 2025).
/// </summary>
public static class AllocationPlanner
{
    /// <summary>Below this many affordable demonstrations the paper finds pure SFT best.</summary>
    public const double PureSftBelow = 1000;

    /// <summary>From here on the paper's best mixes lean to preference data (r = 0.25 at its largest budgets).</summary>
    public const double PreferenceLeaningFrom = 5000;

    /// <summary>
    /// Picks the best of the study's measured ratios at the user's budget and costs. The study measured
    /// equal costs, so a split of n_sft demonstrations and n_pref pairs is read off the surface at
    /// B = n_sft + n_pref examples and r = n_sft / B: cheaper pairs buy more of them at the same ratio,
    /// and the measurements decide whether that helps.
    /// </summary>
    public static AllocationPlan FromStudy(DataBudget budget, AllocationSurface surface)
    {
        var ranked = surface.Ratios
            .Select(r =>
            {
                var split = budget.Split(r);
                var examples = split.Sft + split.Pref;
                var estimate = surface.At(examples, examples == 0 ? r : split.Sft / (double)examples);
                return (Split: split, Estimate: estimate);
            })
            // Ties go to the larger SFT share: at equal promise, demonstrations avoid DPO's cold start.
            .OrderByDescending(c => c.Estimate.Mean).ThenByDescending(c => c.Split.SftRatio)
            .ToList();
        var (best, estimateOfBest) = ranked[0];
        var runnerUp = ranked.Count > 1 ? ranked[1] : ((DataSplitCounts, AllocationSurface.Estimate)?)null;
        var reason = $"interpolated from the {surface.Task} study over {surface.Budgets.Count} budgets "
            + $"({F(surface.Budgets[0])}..{F(surface.Budgets[^1])}) and {surface.Ratios.Count} ratios";
        if (estimateOfBest.Extrapolated) reason += "; the budget lies outside the measured range, so the nearest measured budget stands in for it";
        return new AllocationPlan(best, estimateOfBest.Mean, estimateOfBest.Std,
            runnerUp?.Item1, runnerUp?.Item2.Mean, PlanSource.Study, reason);
    }

    /// <summary>
    /// The paper's findings as rules, in affordable demonstrations N = B / c_sft: pure SFT below ~1,000;
    /// a half-and-half mix up to 5,000; r = 0.25 beyond, leaning to preference data as B grows. The rules
    /// never give pure DPO, which fails on maths from a base model (the cold start).
    /// </summary>
    public static AllocationPlan FromPaperRules(DataBudget budget)
    {
        var demonstrations = budget.Total / budget.CostSft;
        var (ratio, rule) = demonstrations switch
        {
            < PureSftBelow => (1.0, $"{F(demonstrations)} demonstrations affordable, under ~1,000: pure SFT wins there"),
            < PreferenceLeaningFrom => (0.5, $"{F(demonstrations)} demonstrations affordable, 1,000-5,000: a mix wins above ~1,000"),
            _ => (0.25, $"{F(demonstrations)} demonstrations affordable, over 5,000: the best mixes lean to preference data (r = 0.25-0.5 at the largest budgets)"),
        };
        return new AllocationPlan(budget.Split(ratio), null, null, null, null, PlanSource.PaperRules,
            $"no study given, so the paper's rules: {rule}");
    }

    private static string F(double x) => x.ToString("#,0.##", CultureInfo.InvariantCulture);
}
