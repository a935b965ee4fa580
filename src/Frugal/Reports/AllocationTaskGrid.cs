using Frugal.Data.Tasks;
using Frugal.Schedules;
using Frugal.Studies.Allocation;

namespace Frugal.Reports;

/// <summary>
/// One task's study as planned (budgets ascending x SFT ratios ascending) with what each cell and the base model
/// measured. Cells the results do not hold are still in the grid, without a score: the claims then say "not measured".
/// </summary>
public sealed record AllocationTaskGrid(string Task, IReadOnlyList<double> Budgets, IReadOnlyList<double> Ratios,
    IReadOnlyList<AllocationCellRuns> Cells, AllocationCellRuns Base)
{
    public static AllocationTaskGrid Of(string task, IEnumerable<double> budgets, IEnumerable<double> ratios, IEnumerable<AllocationTrialResult> results)
    {
        var mine = results.Where(r => r.Task == task).ToList();
        AllocationCellRuns Runs(double budget, double ratio, IEnumerable<AllocationTrialResult> trials)
        {
            var list = trials.OrderBy(t => t.Seed).ToList();
            return new AllocationCellRuns(budget, ratio, [.. list.Where(t => !t.IsDiverged)], [.. list.Where(t => t.IsDiverged)]);
        }

        var b = budgets.Distinct().Order().ToList();
        var r = ratios.Distinct().Order().ToList();
        var cells = (from budget in b
                     from ratio in r
                     select Runs(budget, ratio, mine.Where(t => !t.IsBase && t.Budget == budget && t.SftRatio == ratio))).ToList();
        return new AllocationTaskGrid(task, b, r, cells, Runs(0, 0, mine.Where(t => t.IsBase)));
    }

    public AllocationCellRuns Cell(double budget, double ratio) => Cells.Single(c => c.Budget == budget && c.Ratio == ratio);

    public IEnumerable<AllocationCellRuns> AtBudget(double budget) => Cells.Where(c => c.Budget == budget);

    /// <summary>The smallest SFT share above 0 in the grid (the cold start's "a little SFT first"); null when there is none.</summary>
    public double? SmallestSftRatio => Ratios.Where(r => r > 0).Select(r => (double?)r).FirstOrDefault();

    public bool IsMath => Task == TaskKind.Math.Name();
}
