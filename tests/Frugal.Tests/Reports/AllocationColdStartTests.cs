using Frugal.Reports;
using Frugal.Studies.Allocation;
using static Frugal.Tests.Reports.AllocationResults;

namespace Frugal.Tests.Reports;

public sealed class AllocationColdStartTests
{
    [Fact]
    public void Rows_are_the_base_then_r0_and_the_smallest_SFT_share_at_each_budget_with_seeds_pooled()
    {
        double[] ratios = [0, 0.1, 0.5, 1];
        var results = new List<AllocationTrialResult>
        {
            Base(0) with { FormatRate = 0, ResponseTokens = [64, 64, 64, 10], StartChosenLogp = -2.5, StartRejectedLogp = -2.4 },
            Cell(100, 0, 0) with { FormatRate = 0.1, ResponseTokens = [64, 64], StartChosenLogp = -2.5 },
            Cell(100, 0.1, 0.2) with { FormatRate = 0.9, ResponseTokens = [20, 30], StartChosenLogp = -1.0 },
            Cell(100, 0.1, 0.3, seed: 1) with { FormatRate = 1.0, ResponseTokens = [40, 50], StartChosenLogp = -0.8 },
            Cell(100, 0.5, 0.4) with { ResponseTokens = [1, 2, 3] },
            Cell(300, 0.1, 0.4) with { FormatRate = 1, ResponseTokens = [25], StartChosenLogp = -0.7 },
        };
        var grid = AllocationTaskGrid.Of("math", [100, 300], ratios, results);

        var rows = AllocationColdStart.Of(grid, cap: 64);

        // r = 0 at 300 never finished: no row.
        Assert.Equal(["base", "r = 0 @100", "r = 0.1 @100", "r = 0.1 @300"], rows.Select(r => r.Budget is { } b ? $"{r.Model} @{b}" : r.Model));
        Assert.Equal(0.75, rows[0].Lengths.CapShare, 12);
        var small = rows[2];
        Assert.Equal(2, small.Seeds);
        Assert.Equal(0.95, small.FormatRate, 12);
        Assert.Equal(-0.9, small.StartChosenLogp, 12);
        Assert.Equal([20, 30, 40, 50], small.Tokens);
        Assert.Equal(35, small.Lengths.Median, 12);
        Assert.Equal(0, small.Lengths.CapShare);
    }
}
