using Frugal.Reports;
using static Frugal.Tests.Reports.AllocationResults;

namespace Frugal.Tests.Reports;

public sealed class AllocationClaimsTests
{
    private static readonly double[] Ratios = [0, 0.1, 0.5, 1];

    [Fact]
    public void Evaluate_checks_every_claim_per_task_and_pure_DPO_on_math_only()
    {
        var results = Results(Ratios, 0.02, (100, [0.02, 0.2, 0.3, 0.4])).Concat([Base(0.1, task: "instruct"), Cell(100, 1, 0.5, task: "instruct")]);
        var grids = new[] { "math", "instruct" }.Select(t => AllocationTaskGrid.Of(t, [100], Ratios, results)).ToList();

        var claims = AllocationClaims.Evaluate(grids);

        Assert.Equal(["(a) math", "(a) instruct", "(b) math", "(b) instruct", "(c) math", "(d) math", "(d) instruct"],
            claims.Select(c => $"{c.Label} {c.Task}"));
        Assert.All(claims, c => Assert.False(string.IsNullOrWhiteSpace(c.Rule)));
    }

    [Fact]
    public void Pure_DPO_on_math_is_not_measured_when_the_study_has_no_math_task()
    {
        var grid = AllocationTaskGrid.Of("instruct", [100], Ratios, [Base(0.1, task: "instruct"), Cell(100, 1, 0.5, task: "instruct")]);

        var c = Assert.Single(AllocationClaims.Evaluate([grid]), c => c.Label == "(c)");

        Assert.Equal(AllocationVerdict.NotMeasured, c.Verdict);
        Assert.Equal(["The study has no math task."], c.Findings);
    }

    [Fact]
    public void Sft_best_below_1k_is_supported_when_r1_wins_every_small_budget()
    {
        var grid = Grid(Ratios, 0.02, (100, [0.02, 0.10, 0.15, 0.30]), (300, [0.03, 0.20, 0.30, 0.45]), (1000, [0.1, 0.5, 0.7, 0.6]));

        var claim = AllocationClaims.SftBestAtSmallBudgets(grid);

        Assert.Equal(AllocationVerdict.Supported, claim.Verdict);
        // Budget 1000 is not below 1k: r = 0.5 winning there does not count.
        Assert.Equal(2, claim.Findings.Count);
        Assert.Equal("B = 100: best r = 1 with 0.300 [0.261, 0.342]; r = 1 wins.", claim.Findings[0]);
    }

    [Fact]
    public void Sft_best_below_1k_is_not_supported_when_a_mix_beats_r1_everywhere()
    {
        var grid = Grid(Ratios, 0.02, (100, [0.02, 0.10, 0.40, 0.20]), (300, [0.03, 0.20, 0.50, 0.30]));

        var claim = AllocationClaims.SftBestAtSmallBudgets(grid);

        Assert.Equal(AllocationVerdict.NotSupported, claim.Verdict);
        Assert.StartsWith("B = 100: best r = 0.5 with 0.400", claim.Findings[0], StringComparison.Ordinal);
        Assert.EndsWith("r = 1 loses (0.200 [0.167, 0.237]).", claim.Findings[0], StringComparison.Ordinal);
    }

    [Fact]
    public void A_difference_inside_the_Wilson_interval_is_a_tie_not_a_loss()
    {
        // 0.40 vs 0.41 of 500 problems: well within each other's interval.
        var tied = Grid(Ratios, 0.02, (100, [0.02, 0.10, 0.41, 0.40]));
        var claim = AllocationClaims.SftBestAtSmallBudgets(tied);
        Assert.Equal(AllocationVerdict.Mixed, claim.Verdict);
        Assert.EndsWith("r = 1 ties (0.400 [0.358, 0.444]).", claim.Findings[0], StringComparison.Ordinal);

        // A win at one budget and a tie at the other: never beaten, so supported.
        var winAndTie = Grid(Ratios, 0.02, (100, [0.02, 0.10, 0.41, 0.40]), (300, [0.02, 0.10, 0.30, 0.50]));
        Assert.Equal(AllocationVerdict.Supported, AllocationClaims.SftBestAtSmallBudgets(winAndTie).Verdict);

        // With 50 problems the same 0.40 vs 0.46 is noise; with 5,000 it is not.
        Assert.True(Score(0.40, 50).Ties(Score(0.46, 50)));
        Assert.False(Score(0.40, 5000).Ties(Score(0.46, 5000)));
    }

    private static AllocationScore Score(double metric, int problems) => AllocationScore.Of([Cell(100, 1, metric, problems: problems)])!;

    [Fact]
    public void A_diverged_r1_loses()
    {
        var results = Results(Ratios, 0.02, (100, [0.02, 0.10, 0.20, double.NaN]));
        results.Add(Diverged(100, 1, "sft"));

        var claim = AllocationClaims.SftBestAtSmallBudgets(AllocationTaskGrid.Of("math", [100], Ratios, results));

        Assert.Equal(AllocationVerdict.NotSupported, claim.Verdict);
        Assert.EndsWith("r = 1 diverged.", claim.Findings[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Mix_best_above_1k_is_supported_when_a_mix_wins_and_the_best_ratio_falls()
    {
        var grid = Grid(Ratios, 0.02, (1000, [0.1, 0.3, 0.60, 0.50]), (3000, [0.2, 0.4, 0.70, 0.55]), (10000, [0.3, 0.85, 0.75, 0.60]));

        var claim = AllocationClaims.MixBestAtLargeBudgets(grid);

        Assert.Equal(AllocationVerdict.Supported, claim.Verdict);
        Assert.Equal("The best ratio falls as the budget grows (0.5 at 1,000 -> 0.5 at 3,000 -> 0.1 at 10,000): leaning to preference data.", claim.Findings[^1]);
    }

    [Fact]
    public void Mix_best_above_1k_is_mixed_when_the_best_ratio_does_not_fall()
    {
        var grid = Grid(Ratios, 0.02, (1000, [0.1, 0.3, 0.60, 0.50]), (10000, [0.3, 0.4, 0.80, 0.60]));

        var claim = AllocationClaims.MixBestAtLargeBudgets(grid);

        Assert.Equal(AllocationVerdict.Mixed, claim.Verdict);
        Assert.StartsWith("The best ratio does not fall", claim.Findings[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void Mix_best_above_1k_is_not_supported_when_pure_SFT_wins()
    {
        var grid = Grid(Ratios, 0.02, (1000, [0.1, 0.3, 0.40, 0.60]), (10000, [0.3, 0.4, 0.50, 0.80]));

        var claim = AllocationClaims.MixBestAtLargeBudgets(grid);

        Assert.Equal(AllocationVerdict.NotSupported, claim.Verdict);
        Assert.Equal("B = 1,000: best mix r = 0.5 0.400 [0.358, 0.444] loses against r = 1 0.600 [0.556, 0.642]; best overall r = 1.", claim.Findings[0]);
    }

    [Fact]
    public void Pure_DPO_fails_on_math_is_supported_when_r0_stays_at_the_base_and_SFT_does_much_better()
    {
        var grid = Grid(Ratios, 0.05, (1000, [0.06, 0.40, 0.50, 0.45]), (10000, [0.04, 0.60, 0.70, 0.65]));

        var claim = AllocationClaims.PureDpoFailsOnMath(grid);

        Assert.Equal(AllocationVerdict.Supported, claim.Verdict);
        Assert.Equal("B = 1,000: r = 0 0.060 [0.042, 0.084], base 0.050 [0.034, 0.073] (near the base); best r > 0 is r = 0.5 with 0.500 [0.456, 0.544] (much better).",
            claim.Findings[0]);
    }

    [Fact]
    public void Pure_DPO_above_the_base_but_closer_to_it_than_to_SFT_still_fails_as_in_the_paper()
    {
        // The paper's Llama GSM8k at the largest budget: base 0.15, pure DPO 0.30, best mix 0.70.
        var grid = Grid(Ratios, 0.15, (10000, [0.30, 0.60, 0.70, 0.66]));

        var claim = AllocationClaims.PureDpoFailsOnMath(grid);

        Assert.Equal(AllocationVerdict.Supported, claim.Verdict);
        Assert.Contains("(near the base)", claim.Findings[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Pure_DPO_fails_on_math_is_not_supported_when_r0_learns_as_much_as_SFT()
    {
        var grid = Grid(Ratios, 0.05, (1000, [0.48, 0.40, 0.50, 0.45]), (10000, [0.68, 0.60, 0.70, 0.65]));

        var claim = AllocationClaims.PureDpoFailsOnMath(grid);

        Assert.Equal(AllocationVerdict.NotSupported, claim.Verdict);
        Assert.Contains("(well above the base)", claim.Findings[0], StringComparison.Ordinal);
        Assert.Contains("(not clearly better)", claim.Findings[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Small_SFT_share_recovers_most_of_the_best_and_says_how_much()
    {
        var grid = Grid(Ratios, 0.02, (1000, [0.05, 0.40, 0.50, 0.45]), (10000, [0.05, 0.60, 0.75, 0.70]));

        var claim = AllocationClaims.SmallSftShareRecovers(grid);

        Assert.Equal(AllocationVerdict.Supported, claim.Verdict);
        Assert.Equal("B = 1,000: r = 0.1 scores 0.400 [0.358, 0.444], 80% of the best (r = 0.5, 0.500 [0.456, 0.544]).", claim.Findings[0]);
        Assert.Contains("80% of the best (r = 0.5, 0.750", claim.Findings[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Small_SFT_share_that_recovers_a_fifth_is_not_supported()
    {
        var grid = Grid(Ratios, 0.02, (1000, [0.05, 0.10, 0.50, 0.45]), (10000, [0.05, 0.15, 0.75, 0.70]));

        var claim = AllocationClaims.SmallSftShareRecovers(grid);

        Assert.Equal(AllocationVerdict.NotSupported, claim.Verdict);
        Assert.EndsWith("20% of the best (r = 0.5, 0.750 [0.710, 0.786]): not most of it.", claim.Findings[1], StringComparison.Ordinal);
    }

    [Fact]
    public void An_all_zero_study_measured_nothing_and_names_no_winner()
    {
        var grid = Grid(Ratios, 0, (100, [0, 0, 0, 0]), (1000, [0, 0.002, 0, 0]), (10000, [0, 0, 0.004, 0]));

        var claims = AllocationClaims.Evaluate([grid]);

        Assert.Equal(4, claims.Count);
        Assert.All(claims, c =>
        {
            Assert.Equal(AllocationVerdict.NotMeasured, c.Verdict);
            Assert.StartsWith("The study measured nothing here", c.Findings[0], StringComparison.Ordinal);
            Assert.DoesNotContain(c.Findings, f => f.Contains("wins", StringComparison.Ordinal) || f.Contains("best", StringComparison.Ordinal));
        });
    }

    [Fact]
    public void Zero_is_relative_to_the_evaluation_size()
    {
        // The interval of 0 correct reaches 0.071 for 50 problems and 0.0076 for 500.
        Assert.True(Score(0.04, 50).IsZero);
        Assert.False(Score(0.04, 500).IsZero);
        Assert.True(Score(0.004, 500).IsZero);
    }

    [Fact]
    public void Claims_whose_cells_the_grid_lacks_are_not_measured()
    {
        // r = 1 queued or failed everywhere, no budget of 1,000 or more, and no SFT share of 10% or less.
        double[] ratios = [0, 0.25, 0.5, 1];
        var grid = Grid(ratios, 0.02, (100, [0.05, 0.3, 0.4, double.NaN]), (300, [0.05, 0.4, 0.5, double.NaN]));

        var a = AllocationClaims.SftBestAtSmallBudgets(grid);
        Assert.Equal(AllocationVerdict.NotMeasured, a.Verdict);
        Assert.Equal(["No budget had the cells this claim compares.", "B = 100: r = 1 has no finished trial.", "B = 300: r = 1 has no finished trial."], a.Findings);

        var b = AllocationClaims.MixBestAtLargeBudgets(grid);
        Assert.Equal((AllocationVerdict.NotMeasured, "The grid has no budget of 1,000 or more."), (b.Verdict, b.Findings.Single()));

        var d = AllocationClaims.SmallSftShareRecovers(grid);
        Assert.Equal((AllocationVerdict.NotMeasured, "The grid's smallest SFT share above 0 is r = 0.25; the claim needs one of at most 0.1."), (d.Verdict, d.Findings.Single()));

        var noBase = AllocationTaskGrid.Of("math", [100], ratios, Results(ratios, 0, (100, [0.05, 0.3, 0.4, 0.5])).Where(r => !r.IsBase));
        Assert.Equal(AllocationVerdict.NotMeasured, AllocationClaims.PureDpoFailsOnMath(noBase).Verdict);
    }
}
