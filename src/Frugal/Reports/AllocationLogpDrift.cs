using Frugal.Alignment;
using Frugal.Studies.Allocation;

namespace Frugal.Reports;

/// <summary>
/// How DPO moved one cell's summed log-probabilities of the chosen and rejected answers (TRL's logps/chosen and
/// logps/rejected) from the first to the last logged step, averaged over its seeds. DPO only needs the margin to
/// grow; when both fall, the policy is pushing every answer down (a collapse), the failure issue 5's prototype saw.
/// </summary>
public sealed record AllocationLogpDrift(double Budget, double Ratio, int Seeds, double ChosenFirst, double ChosenLast,
    double RejectedFirst, double RejectedLast, int BothFell)
{
    public static readonly string ChosenSeries = $"dpo/{DpoMetrics.LogpsChosen}";
    public static readonly string RejectedSeries = $"dpo/{DpoMetrics.LogpsRejected}";

    public double ChosenChange => ChosenLast - ChosenFirst;

    public double RejectedChange => RejectedLast - RejectedFirst;

    /// <summary>One row per cell of <paramref name="task"/> whose finished seeds logged both series, by budget then ratio.</summary>
    public static IReadOnlyList<AllocationLogpDrift> Of(IEnumerable<AllocationTrialRecord> records, string task) =>
        [.. Logged(records, task)
            .GroupBy(r => (r.Result!.Budget, r.Result.SftRatio))
            .OrderBy(g => g.Key.Budget).ThenBy(g => g.Key.SftRatio)
            .Select(g =>
            {
                var seeds = g.Select(r => (Chosen: Ends(r.Series[ChosenSeries]), Rejected: Ends(r.Series[RejectedSeries]))).ToList();
                return new AllocationLogpDrift(g.Key.Budget, g.Key.SftRatio, seeds.Count,
                    seeds.Average(s => s.Chosen.First), seeds.Average(s => s.Chosen.Last),
                    seeds.Average(s => s.Rejected.First), seeds.Average(s => s.Rejected.Last),
                    seeds.Count(s => s.Chosen.Last < s.Chosen.First && s.Rejected.Last < s.Rejected.First));
            })];

    /// <summary>
    /// The cells the log-probability figure shows, first seed each: r = 0, the smallest r > 0 and r = 0.5 (those
    /// that ran DPO) at the largest budget where any of them logged DPO.
    /// </summary>
    public static IReadOnlyList<AllocationTrialRecord> Showcase(IEnumerable<AllocationTrialRecord> records, AllocationTaskGrid grid)
    {
        var logged = Logged(records, grid.Task).ToList();
        var ratios = new[] { 0, grid.SmallestSftRatio, 0.5 }.OfType<double>().Where(r => r < 1 && grid.Ratios.Contains(r)).Distinct().ToList();
        foreach (var budget in grid.Budgets.Reverse())
        {
            var picked = ratios
                .Select(ratio => logged.Where(r => r.Result!.Budget == budget && r.Result.SftRatio == ratio).MinBy(r => r.Result!.Seed))
                .OfType<AllocationTrialRecord>().ToList();
            if (picked.Count > 0) return picked;
        }
        return [];
    }

    private static IEnumerable<AllocationTrialRecord> Logged(IEnumerable<AllocationTrialRecord> records, string task) =>
        records.Where(r => r.Result is { IsBase: false, IsDiverged: false } result && result.Task == task
            && r.Series.GetValueOrDefault(ChosenSeries) is { Count: > 0 } && r.Series.GetValueOrDefault(RejectedSeries) is { Count: > 0 });

    private static (double First, double Last) Ends(IReadOnlyList<(int Step, double Value)> points)
    {
        var ordered = points.OrderBy(p => p.Step).ToList();
        return (ordered[0].Value, ordered[^1].Value);
    }
}
