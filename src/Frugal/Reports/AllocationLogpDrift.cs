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
        [.. records
            .Where(r => r.Result is { IsBase: false, IsDiverged: false } result && result.Task == task
                && r.Series.GetValueOrDefault(ChosenSeries) is { Count: > 0 } && r.Series.GetValueOrDefault(RejectedSeries) is { Count: > 0 })
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

    private static (double First, double Last) Ends(IReadOnlyList<(int Step, double Value)> points)
    {
        var ordered = points.OrderBy(p => p.Step).ToList();
        return (ordered[0].Value, ordered[^1].Value);
    }
}
