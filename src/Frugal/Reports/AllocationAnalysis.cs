using Frugal.Schedules;
using Frugal.Studies.Allocation;

namespace Frugal.Reports;

/// <summary>Everything the report states about one task, computed once from the trials.</summary>
public sealed record AllocationTaskAnalysis(
    AllocationTaskGrid Grid,
    AllocationCalibration Calibration,
    IReadOnlyList<AllocationColdStartRow> ColdStart,
    IReadOnlyList<AllocationLogpDrift> Drift,
    IReadOnlyList<AllocationTrialRecord> Showcase);

/// <summary>Everything the allocation report states about a study: per task its analysis, and the paper's claims.</summary>
public sealed record AllocationAnalysis(IReadOnlyList<AllocationTaskAnalysis> Tasks, IReadOnlyList<AllocationClaim> Claims)
{
    public static AllocationAnalysis Of(AllocationStudySpec spec, IReadOnlyList<AllocationTrialRecord> trials)
    {
        var results = trials.Where(t => t.Result is not null).Select(t => t.Result!).ToList();
        var tasks = spec.Tasks.Select(kind =>
        {
            var grid = AllocationTaskGrid.Of(kind.Name(), spec.Budgets, spec.Ratios, results);
            return new AllocationTaskAnalysis(grid, AllocationCalibration.Of(grid), AllocationColdStart.Of(grid, spec.MaxNewTokens),
                AllocationLogpDrift.Of(trials, grid.Task), AllocationLogpDrift.Showcase(trials, grid));
        }).ToList();
        return new AllocationAnalysis(tasks, AllocationClaims.Evaluate([.. tasks.Select(t => t.Grid)]));
    }
}
