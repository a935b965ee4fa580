using Frugal.Studies;

namespace Frugal.Tests.Studies;

public sealed class AllocationPlannerTests
{
    // Demonstrations win at 1,000 examples; a preference-leaning mix wins at 10,000.
    private static readonly AllocationCell[] Cells =
    [
        new("math", 1000, 0.25, 0.40, 0.02, 3), new("math", 1000, 1.0, 0.50, 0.01, 3),
        new("math", 10000, 0.25, 0.80, 0.04, 3), new("math", 10000, 1.0, 0.60, 0.03, 3),
    ];

    private static AllocationSurface Surface => AllocationSurface.From(Cells, "math", "test");

    [Fact]
    public void Surface_returns_the_measured_cells_exactly()
    {
        foreach (var cell in Cells)
        {
            var estimate = Surface.At(cell.Budget, cell.SftRatio);
            Assert.Equal((cell.Mean, cell.Std, false), (estimate.Mean, estimate.Std, estimate.Extrapolated));
        }
    }

    [Fact]
    public void Surface_interpolates_in_log_budget_and_linearly_in_ratio()
    {
        var geometricMidpoint = Math.Sqrt(1000.0 * 10000);
        Assert.Equal(0.55, Surface.At(geometricMidpoint, 1.0).Mean, 12);
        Assert.Equal(0.45, Surface.At(1000, 0.625).Mean, 12);
        Assert.Equal((0.40 + 0.50 + 0.80 + 0.60) / 4, Surface.At(geometricMidpoint, 0.625).Mean, 12);
    }

    [Fact]
    public void Surface_clamps_outside_the_measured_budgets_and_says_so()
    {
        var below = Surface.At(100, 1.0);
        var above = Surface.At(50000, 0.25);
        Assert.Equal((0.50, true), (below.Mean, below.Extrapolated));
        Assert.Equal((0.80, true), (above.Mean, above.Extrapolated));
    }

    [Fact]
    public void Surface_names_a_hole_in_the_grid()
    {
        var error = Assert.Throws<BadInputException>(() => AllocationSurface.From(Cells[..3], "math", "study/cells.csv"));
        Assert.Contains("budget 10000 and SFT ratio 1", error.Message);
        Assert.Contains("study/cells.csv", error.Message);
        Assert.Throws<BadInputException>(() => AllocationSurface.From(Cells, "helpful", "test"));
    }

    [Fact]
    public void Study_plan_picks_the_best_measured_ratio_with_the_runner_up()
    {
        var small = AllocationPlanner.FromStudy(new DataBudget(1000), Surface);
        Assert.Equal((1.0, 1000, 0), (small.Split.SftRatio, small.Split.Sft, small.Split.Pref));
        Assert.Equal(0.50, small.ExpectedMetric);
        Assert.Equal(0.01, small.Spread);
        Assert.Equal(0.25, small.RunnerUp!.SftRatio);
        Assert.Equal(0.40, small.RunnerUpMetric);
        Assert.Equal(PlanSource.Study, small.Source);

        var large = AllocationPlanner.FromStudy(new DataBudget(10000), Surface);
        Assert.Equal((0.25, 2500, 7500), (large.Split.SftRatio, large.Split.Sft, large.Split.Pref));
    }

    [Fact]
    public void Cheaper_preference_pairs_move_the_recommendation_the_way_the_measurements_say()
    {
        // At 1,000 units pure SFT wins at equal costs; at a tenth of the cost the 750 units of pairs buy
        // 7,500 of them, a split the study measured near its 10,000-example cells, where the mix wins.
        var equal = AllocationPlanner.FromStudy(new DataBudget(1000), Surface);
        var cheapPairs = AllocationPlanner.FromStudy(new DataBudget(1000, CostSft: 1, CostPref: 0.1), Surface);
        Assert.Equal(1.0, equal.Split.SftRatio);
        Assert.Equal((0.25, 250, 7500), (cheapPairs.Split.SftRatio, cheapPairs.Split.Sft, cheapPairs.Split.Pref));
        Assert.True(cheapPairs.ExpectedMetric > equal.ExpectedMetric);
    }

    [Theory]
    [InlineData(300, 1, 1.0)]
    [InlineData(999, 1, 1.0)]
    [InlineData(1000, 1, 0.5)]
    [InlineData(4000, 1, 0.5)]
    [InlineData(20000, 1, 0.25)]
    [InlineData(4000, 5, 1.0)] // demonstrations at 5 units: only 800 affordable
    public void Paper_rules_give_pure_sft_below_a_thousand_demonstrations_then_lean_to_preferences(double total, double costSft, double ratio)
    {
        var plan = AllocationPlanner.FromPaperRules(new DataBudget(total, costSft));
        Assert.Equal(ratio, plan.Split.SftRatio);
        Assert.Equal(PlanSource.PaperRules, plan.Source);
        Assert.Null(plan.ExpectedMetric);
        Assert.Contains("paper's rules", plan.Reason);
    }
}
