using Frugal.Studies;
using static Frugal.Tests.Studies.Trials;

namespace Frugal.Tests.Studies;

public class RankingTests
{
    private static ScheduleStanding Standing(ExperimentRanking ranking, string schedule) => ranking.Of(schedule)!;

    [Fact]
    public void Ties_share_the_average_rank_and_diverged_or_failed_schedules_share_the_last_ranks()
    {
        TrialOutcome[] outcomes =
        [
            Trial("rex", 9, seed: 0), Trial("rex", 11, seed: 1),
            Trial("linear", 10, seed: 0), Trial("linear", 10, seed: 1),
            Trial("cosine", 12, seed: 0), Trial("cosine", 12, seed: 1),
            Trial("step", null, seed: 0), Trial("step", null, seed: 1),
            Trial("onecycle", null, seed: 0, status: TrialStatus.Failed), Trial("onecycle", null, seed: 1, status: TrialStatus.Diverged),
        ];
        var ranking = Assert.Single(Ranking.Rank(outcomes));

        Assert.Equal(new Experiment("fashion-mnist/mlp", "sgdm", 0.1), ranking.Experiment);
        Assert.Equal(["rex", "linear", "cosine", "step", "onecycle"], ranking.Schedules.Select(s => s.Schedule));
        Assert.Equal([1.5, 1.5, 3, 4.5, 4.5], ranking.Schedules.Select(s => s.Rank));
        Assert.Equal([1, 1, 3, 4, 4], ranking.Schedules.Select(s => s.Place));
        Assert.Equal([true, true, false, false, false], ranking.Schedules.Select(s => s.IsFirst));
        Assert.Equal([true, true, true, false, false], ranking.Schedules.Select(s => s.IsInTop3));
        Assert.Equal(10, Standing(ranking, "rex").Score);
        Assert.Equal(Math.Sqrt(2), Standing(ranking, "rex").Std!.Value, 12);
        Assert.Equal(0, Standing(ranking, "linear").Std);
        Assert.Null(Standing(ranking, "step").Score);
        Assert.Equal((0, 2, 0), (Standing(ranking, "step").Done, Standing(ranking, "step").Diverged, Standing(ranking, "step").Failed));
        Assert.Equal((0, 1, 1), (Standing(ranking, "onecycle").Done, Standing(ranking, "onecycle").Diverged, Standing(ranking, "onecycle").Failed));
        Assert.Equal(10, ranking.BestScore);
    }

    [Fact]
    public void A_schedule_with_some_diverged_seeds_is_scored_on_its_done_seeds()
    {
        var ranking = Assert.Single(Ranking.Rank([Trial("rex", 8, seed: 0), Trial("rex", null, seed: 1), Trial("linear", 9)]));

        var rex = Standing(ranking, "rex");
        Assert.Equal((8.0, 1, 1, 1.0), (rex.Score!.Value, rex.Done, rex.Diverged, rex.Rank));
        Assert.Null(rex.Std);
        Assert.Equal(2, Standing(ranking, "linear").Rank);
    }

    [Fact]
    public void A_lone_diverged_schedule_is_last_and_never_first_or_top_3()
    {
        var ranking = Assert.Single(Ranking.Rank([Trial("rex", null), Trial("linear", 30)]));

        Assert.Equal((2.0, 2), (Standing(ranking, "rex").Rank, Standing(ranking, "rex").Place));
        Assert.False(Standing(ranking, "rex").IsInTop3);
        Assert.True(Standing(ranking, "linear").IsFirst);
    }

    [Fact]
    public void Unfinished_trials_are_left_out_and_a_done_trial_without_a_finite_metric_counts_as_failed()
    {
        var ranking = Assert.Single(Ranking.Rank(
        [
            Trial("rex", 5), Trial("rex", 1, seed: 1, status: TrialStatus.Running),
            Trial("cosine", null, status: TrialStatus.Queued),
            Trial("linear", double.NaN, status: TrialStatus.Done),
            Trial("step", 6),
        ]));

        Assert.Equal(["rex", "step", "linear"], ranking.Schedules.Select(s => s.Schedule));
        Assert.Equal(5, Standing(ranking, "rex").Score);
        Assert.Equal((0, 0, 1, 3.0), (Standing(ranking, "linear").Done, Standing(ranking, "linear").Diverged, Standing(ranking, "linear").Failed, Standing(ranking, "linear").Rank));
    }

    [Fact]
    public void Experiments_are_grouped_by_setting_optimizer_and_budget_in_study_order()
    {
        var rankings = Ranking.Rank(
        [
            Trial("rex", 1, 0.5, "b", "adam"), Trial("rex", 1, 0.01, "b", "adam"), Trial("rex", 1, 0.5, "b", "sgdm"),
            Trial("rex", 1, 0.5, "a", "adam"), Trial("linear", 2, 0.5, "b", "adam"),
        ]);

        Assert.Equal(
            [new Experiment("b", "adam", 0.01), new Experiment("b", "adam", 0.5), new Experiment("b", "sgdm", 0.5), new Experiment("a", "adam", 0.5)],
            rankings.Select(r => r.Experiment));
        Assert.Equal(2, rankings[1].Schedules.Count);
    }

    /// <summary>
    /// Four experiments, five schedules; places (competition ranking) worked out by hand:
    /// E1 5%:  rex 1, linear 2, cosine 3, step 4, exponential 5
    /// E2 10%: cosine 1, rex 2 = linear 2, exponential 4, step 5
    /// E3 50%: rex 1 = linear 1, exponential 3, cosine 4, step diverged (5)
    /// E4 100%: step 1, cosine 2, linear 3 = rex 3, exponential 5
    /// </summary>
    [Fact]
    public void Table_1_shares_count_ties_at_first_for_each_tied_schedule_and_split_low_and_high_budgets()
    {
        var rankings = Ranking.Rank(
        [
            .. Experiment(0.05, ("rex", 1), ("linear", 2), ("cosine", 3), ("step", 4), ("exponential", 5)),
            .. Experiment(0.1, ("cosine", 1), ("rex", 2), ("linear", 2), ("exponential", 3), ("step", 4)),
            .. Experiment(0.5, ("rex", 1), ("linear", 1), ("exponential", 2), ("cosine", 5), ("step", null)),
            .. Experiment(1.0, ("step", 1), ("cosine", 2), ("linear", 3), ("rex", 3), ("exponential", 9)),
        ]);
        var shares = Ranking.TopShares(rankings).ToDictionary(s => s.Schedule);

        Assert.Equal(["rex", "linear", "cosine", "exponential", "step"], shares.Keys);
        // overall first / top 3 of 4; low first / top 3 of 2 (E1, E2); high of 2 (E3, E4).
        AssertShare(shares["rex"], (50, 100), (50, 100), (50, 100));
        AssertShare(shares["linear"], (25, 100), (0, 100), (50, 100));
        AssertShare(shares["cosine"], (25, 75), (50, 100), (0, 50));
        AssertShare(shares["step"], (25, 25), (0, 0), (50, 50));
        AssertShare(shares["exponential"], (0, 25), (0, 0), (0, 50));
        Assert.Equal(new TopShare(2, 4, 4), shares["rex"].Overall);
    }

    private static void AssertShare(ScheduleTopShares s, (double First, double Top3) overall, (double First, double Top3) low, (double First, double Top3) high)
    {
        Assert.Equal(overall, (s.Overall.FirstPercent!.Value, s.Overall.Top3Percent!.Value));
        Assert.Equal(low, (s.Low.FirstPercent!.Value, s.Low.Top3Percent!.Value));
        Assert.Equal(high, (s.High.FirstPercent!.Value, s.High.Top3Percent!.Value));
    }

    [Fact]
    public void A_share_over_no_experiments_is_null_not_zero()
    {
        var shares = Ranking.TopShares(Ranking.Rank(Experiment(0.05, ("rex", 1), ("linear", 2))));

        Assert.Equal(new TopShare(0, 0, 0), shares[0].High);
        Assert.Null(shares[0].High.FirstPercent);
    }

    [Fact]
    public void Figure_1_averages_ranks_over_settings_per_optimizer_and_budget()
    {
        var ranks = Ranking.AverageRanks(Ranking.Rank(
        [
            .. Experiment(0.1, "s1", "sgdm", ("rex", 1), ("linear", 2), ("cosine", 3)),
            .. Experiment(0.1, "s2", "sgdm", ("rex", 9), ("linear", 1), ("cosine", 1)),
            .. Experiment(0.5, "s1", "sgdm", ("rex", 1), ("linear", 2), ("cosine", 3)),
            .. Experiment(0.1, "s1", "adam", ("rex", 1), ("linear", 2)),
        ]));

        double At(string optimizer, double budget, string schedule) =>
            ranks.Single(r => r.Optimizer == optimizer && r.Budget == budget && r.Schedule == schedule).Rank;
        // s1: rex 1, linear 2, cosine 3; s2: linear = cosine at 1.5, rex 3.
        Assert.Equal(2.0, At("sgdm", 0.1, "rex"));
        Assert.Equal(1.75, At("sgdm", 0.1, "linear"));
        Assert.Equal(2.25, At("sgdm", 0.1, "cosine"));
        Assert.Equal(1.0, At("sgdm", 0.5, "rex"));
        Assert.Equal(2.0, At("adam", 0.1, "linear"));
        Assert.Equal(2, ranks.Single(r => r.Optimizer == "sgdm" && r.Budget == 0.1 && r.Schedule == "rex").Settings);
        Assert.Equal(1, ranks.Single(r => r.Optimizer == "adam" && r.Schedule == "rex").Settings);
        Assert.Equal(3 + 3 + 2, ranks.Count);
    }

    [Fact]
    public void Schedules_are_ordered_as_ProfileKind_with_unknown_names_last()
    {
        var rankings = Ranking.Rank([Trial("zeta", 1), Trial("plateau", 1), Trial("alpha", 1), Trial("constant", 1), Trial("rex", 1)]);

        Assert.Equal(["rex", "constant", "plateau", "alpha", "zeta"], Ranking.Schedules(rankings));
    }

    [Fact]
    public void Sample_std_divides_by_n_minus_1()
    {
        Assert.Null(Ranking.SampleStd([3]));
        Assert.Equal(1.0, Ranking.SampleStd([1, 2, 3]));
    }
}
