using Frugal.Studies;
using static Frugal.Tests.Studies.Trials;

namespace Frugal.Tests.Studies;

public class RexClaimsTests
{
    private static Claim Low(params TrialOutcome[][] experiments) => RexClaims.BestAtLowBudgets(Ranking.Rank(experiments.SelectMany(e => e)));

    private static Claim High(params TrialOutcome[][] experiments) => RexClaims.MatchesBestAtHighBudgets(Ranking.Rank(experiments.SelectMany(e => e)));

    private static Claim LinearStep(params TrialOutcome[][] experiments) => RexClaims.LinearBeatsStepAtLowBudgets(Ranking.Rank(experiments.SelectMany(e => e)));

    private static TrialOutcome[] E(double budget, params (string, double?)[] scores) => [.. Experiment(budget, scores)];

    [Fact]
    public void Evaluate_returns_the_three_claims_in_order()
    {
        var claims = RexClaims.Evaluate(Ranking.Rank(E(0.1, ("rex", 1), ("linear", 2))));

        Assert.Equal(["(a)", "(b)", "(c)"], claims.Select(c => c.Label));
        Assert.All(claims, c => Assert.False(string.IsNullOrWhiteSpace(c.Rule)));
    }

    [Fact]
    public void Low_budget_claim_is_supported_when_REX_has_the_best_rank_and_most_wins()
    {
        var claim = Low(E(0.01, ("rex", 1), ("linear", 2), ("step", 3)), E(0.1, ("rex", 4), ("linear", 2), ("step", 3)), E(0.05, ("rex", 1), ("linear", 5), ("step", 3)),
            E(0.5, ("rex", 9), ("linear", 1), ("step", 2)));

        Assert.Equal(ClaimVerdict.Supported, claim.Verdict);
        // Only the three low-budget experiments count: rex ranks 1, 3, 1.
        Assert.Contains("Average rank over 3 low-budget experiments (1 = best): rex 1.67, linear 2.00, step 2.33.", claim.Findings);
        Assert.Contains(claim.Findings, f => f.StartsWith("REX finished first in 2 of 3 (67%)", StringComparison.Ordinal));
    }

    [Fact]
    public void Low_budget_claim_is_not_supported_when_REX_is_worst()
    {
        var claim = Low(E(0.01, ("rex", 3), ("linear", 2), ("step", 1)), E(0.1, ("rex", 3), ("linear", 1), ("step", 2)));

        Assert.Equal(ClaimVerdict.NotSupported, claim.Verdict);
    }

    [Fact]
    public void Low_budget_claim_is_mixed_when_REX_has_the_best_average_rank_but_fewer_wins()
    {
        // linear: ranks 1, 1, 4 (mean 2.00, two wins); rex: ranks 2, 2, 1 (mean 1.67, one win).
        var claim = Low(
            E(0.01, ("linear", 1), ("rex", 2), ("cosine", 3), ("step", 4)),
            E(0.05, ("linear", 1), ("rex", 2), ("cosine", 3), ("step", 4)),
            E(0.1, ("rex", 1), ("cosine", 2), ("step", 3), ("linear", 4)));

        Assert.Equal(ClaimVerdict.Mixed, claim.Verdict);
    }

    [Fact]
    public void Low_budget_claim_cannot_be_tested_without_REX_at_a_low_budget()
    {
        Assert.Equal(ClaimVerdict.CannotBeTested, Low(E(0.5, ("rex", 1), ("linear", 2)), E(0.1, ("cosine", 1), ("linear", 2))).Verdict);
        Assert.Equal(ClaimVerdict.CannotBeTested, Low(E(0.1, ("rex", 1))).Verdict);
    }

    [Fact]
    public void High_budget_claim_is_supported_when_REX_is_within_2_percent_of_the_best_other_schedule()
    {
        // 101 vs 100 is 1% behind; REX ahead counts too.
        var claim = High(E(0.25, ("rex", 101), ("linear", 100), ("step", 120)), E(1.0, ("rex", 10), ("cosine", 11)), E(0.05, ("rex", 50), ("linear", 1)));

        Assert.Equal(ClaimVerdict.Supported, claim.Verdict);
        Assert.Equal(2, claim.Comparisons.Count);
        var first = claim.Comparisons[0];
        Assert.Equal(("linear", 100.0, 1.0), (first.Reference, first.ReferenceScore!.Value, first.GapPercent!.Value));
        Assert.Equal(("cosine", -100.0 / 11), (claim.Comparisons[1].Reference, claim.Comparisons[1].GapPercent!.Value));
    }

    [Fact]
    public void High_budget_claim_is_not_supported_when_REX_falls_behind_or_diverges()
    {
        var claim = High(E(0.5, ("rex", 110), ("linear", 100)), E(1.0, ("rex", null), ("linear", 100)));

        Assert.Equal(ClaimVerdict.NotSupported, claim.Verdict);
        Assert.Equal([false, false], claim.Comparisons.Select(c => c.Holds));
        Assert.Null(claim.Comparisons[1].GapPercent);
    }

    [Fact]
    public void High_budget_claim_is_mixed_when_REX_matches_in_two_of_three()
    {
        var claim = High(E(0.25, ("rex", 100), ("linear", 100)), E(0.5, ("rex", 101.9), ("linear", 100)), E(1.0, ("rex", 103), ("linear", 100)));

        Assert.Equal(ClaimVerdict.Mixed, claim.Verdict);
        Assert.Equal([true, true, false], claim.Comparisons.Select(c => c.Holds));
    }

    [Fact]
    public void High_budget_gap_beyond_2_percent_still_matches_within_one_seed_std()
    {
        // REX 11 +- 1.41 against linear 10.2: 7.8% behind, but by 0.8, less than one std.
        TrialOutcome[] twoSeeds = [Trial("rex", 10, 0.5, seed: 0), Trial("rex", 12, 0.5, seed: 1), Trial("linear", 10.2, 0.5, seed: 0), Trial("linear", 10.2, 0.5, seed: 1)];
        TrialOutcome[] oneSeed = [Trial("rex", 11, 0.5), Trial("linear", 10.2, 0.5)];

        var withSeeds = Assert.Single(High(twoSeeds).Comparisons);
        Assert.True(withSeeds.Holds);
        Assert.Equal(Math.Sqrt(2), withSeeds.Std!.Value, 12);
        Assert.False(Assert.Single(High(oneSeed).Comparisons).Holds);
        Assert.Equal(ClaimVerdict.NotSupported, High(oneSeed).Verdict);
    }

    [Fact]
    public void High_budget_claim_cannot_be_tested_without_REX_at_a_high_budget()
    {
        Assert.Equal(ClaimVerdict.CannotBeTested, High(E(0.1, ("rex", 1), ("linear", 2)), E(0.5, ("cosine", 1), ("linear", 2))).Verdict);
    }

    [Fact]
    public void Linear_beats_step_is_supported_when_linear_wins_every_low_budget_experiment()
    {
        // Step diverging is a linear win; the high-budget loss does not count.
        var claim = LinearStep(E(0.01, ("linear", 1), ("step", 2)), E(0.1, ("linear", 5), ("step", null)), E(1.0, ("linear", 9), ("step", 1)));

        Assert.Equal(ClaimVerdict.Supported, claim.Verdict);
        Assert.Equal([true, true], claim.Comparisons.Select(c => c.Holds));
        Assert.Equal(-50, claim.Comparisons[0].GapPercent);
        Assert.Contains("Linear's score was lower than step's in 2 of 2 low-budget experiments (100%).", claim.Findings);
    }

    [Fact]
    public void Linear_beats_step_is_not_supported_when_step_wins_or_ties()
    {
        var claim = LinearStep(E(0.01, ("linear", 3), ("step", 2)), E(0.05, ("linear", 2), ("step", 2)), E(0.1, ("linear", null), ("step", null)));

        Assert.Equal(ClaimVerdict.NotSupported, claim.Verdict);
        Assert.Equal([false, false, false], claim.Comparisons.Select(c => c.Holds));
    }

    [Fact]
    public void Linear_beats_step_is_mixed_at_two_of_three()
    {
        var claim = LinearStep(E(0.01, ("linear", 1), ("step", 2)), E(0.05, ("linear", 1), ("step", 2)), E(0.1, ("linear", 3), ("step", 2)));

        Assert.Equal(ClaimVerdict.Mixed, claim.Verdict);
    }

    [Fact]
    public void Linear_beats_step_cannot_be_tested_without_step()
    {
        var claim = LinearStep(E(0.01, ("linear", 1), ("rex", 2)));

        Assert.Equal(ClaimVerdict.CannotBeTested, claim.Verdict);
        Assert.Equal("No low-budget experiment ran both linear and step.", Assert.Single(claim.Findings));
    }

    [Fact]
    public void Verdict_labels_are_plain()
    {
        Assert.Equal(["Supported", "Mixed", "Not supported", "Can't be tested"], Enum.GetValues<ClaimVerdict>().Select(v => v.Label()));
    }
}
