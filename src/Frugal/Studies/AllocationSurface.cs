namespace Frugal.Studies;

/// <summary>
/// A task's measured metric over (budget, SFT ratio), interpolated bilinearly in (log B, r): the paper
/// plots budgets on a log axis, and its budgets are spaced roughly geometrically. Outside the measured
/// budgets the nearest edge is used, and <see cref="Estimate.Extrapolated"/> says so.
/// </summary>
public sealed class AllocationSurface
{
    private readonly double[] budgets;
    private readonly double[] logBudgets;
    private readonly double[] ratios;
    private readonly AllocationCell[,] grid;

    private AllocationSurface(string task, double[] budgets, double[] ratios, AllocationCell[,] grid)
    {
        Task = task;
        this.budgets = budgets;
        logBudgets = [.. budgets.Select(b => Math.Log(b))];
        this.ratios = ratios;
        this.grid = grid;
    }

    public string Task { get; }

    public IReadOnlyList<double> Budgets => budgets;

    public IReadOnlyList<double> Ratios => ratios;

    /// <summary>The expected metric and its spread (seed std) at an equal-cost budget and ratio.</summary>
    public readonly record struct Estimate(double Mean, double Std, bool Extrapolated);

    /// <summary>Builds the surface; every budget x ratio combination must have been measured.</summary>
    /// <exception cref="BadInputException">No cells for the task, or a hole in the grid.</exception>
    public static AllocationSurface From(IEnumerable<AllocationCell> cells, string task, string source)
    {
        var mine = cells.Where(c => c.Task == task).ToList();
        if (mine.Count == 0) throw new BadInputException($"{source}: no measured cells for task '{task}'");
        var budgets = mine.Select(c => c.Budget).Distinct().Order().ToArray();
        var ratios = mine.Select(c => c.SftRatio).Distinct().Order().ToArray();
        var grid = new AllocationCell[budgets.Length, ratios.Length];
        foreach (var cell in mine) grid[Array.IndexOf(budgets, cell.Budget), Array.IndexOf(ratios, cell.SftRatio)] = cell;
        for (var i = 0; i < budgets.Length; i++)
            for (var j = 0; j < ratios.Length; j++)
            {
                if (grid[i, j] is null)
                    throw new BadInputException($"{source}: task '{task}' has no result at budget {budgets[i]} and SFT ratio {ratios[j]}; the planner needs the full budget x ratio grid");
            }
        return new AllocationSurface(task, budgets, ratios, grid);
    }

    public Estimate At(double budget, double ratio)
    {
        var extrapolated = budget < budgets[0] || budget > budgets[^1];
        var (i0, i1, u) = Bracket(logBudgets, Math.Log(Math.Max(budget, double.Epsilon)));
        var (j0, j1, v) = Bracket(ratios, ratio);
        double Mix(Func<AllocationCell, double> f) =>
            (1 - u) * ((1 - v) * f(grid[i0, j0]) + v * f(grid[i0, j1])) + u * ((1 - v) * f(grid[i1, j0]) + v * f(grid[i1, j1]));
        return new Estimate(Mix(c => c.Mean), Mix(c => c.Std), extrapolated);
    }

    // The two neighbours of x in sorted xs and x's weight towards the upper one, clamped at the edges.
    private static (int Lower, int Upper, double Weight) Bracket(double[] xs, double x)
    {
        if (x <= xs[0]) return (0, 0, 0);
        if (x >= xs[^1]) return (xs.Length - 1, xs.Length - 1, 0);
        var upper = Array.FindIndex(xs, value => value >= x);
        var lower = upper - 1;
        return (lower, upper, (x - xs[lower]) / (xs[upper] - xs[lower]));
    }
}
