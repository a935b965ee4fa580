namespace Frugal.Schedules.Tests;

public class ScheduleTests
{
    [Fact]
    public void Warmup_climbs_from_lr_over_w_then_refits_the_profile_to_the_rest()
    {
        var schedule = new Schedule(new LinearProfile()) { WarmupSteps = 4 };
        const int steps = 14;
        double[] expected = [0.025, 0.05, 0.075, 0.1, 0.1, 0.09, 0.08, 0.07, 0.06, 0.05, 0.04, 0.03, 0.02, 0.01];
        for (var t = 0; t < steps; t++) Close.Equal(expected[t], schedule.LearningRate(0.1, t, steps));
    }

    [Fact]
    public void Min_lr_is_a_floor_the_profile_decays_to()
    {
        var schedule = new Schedule(new CosineProfile()) { MinLr = 0.01 };
        Close.Equal(0.1, schedule.LearningRate(0.1, 0, 100));
        Close.Equal(0.01 + 0.09 * 0.5, schedule.LearningRate(0.1, 50, 100));
        Close.Equal(0.01 + 0.09 * new CosineProfile().At(0.99), schedule.LearningRate(0.1, 99, 100));
    }

    [Fact]
    public void Warmup_and_sampling_compose_on_the_remaining_steps()
    {
        var schedule = new Schedule(new LinearProfile()) { WarmupSteps = 2, Sampling = new AtFractions([0.5]) };
        double[] lrs = [.. Enumerable.Range(0, 10).Select(t => schedule.LearningRate(1, t, 10))];
        Assert.Equal([0.5, 1, 1, 1, 1, 1, 0.5, 0.5, 0.5, 0.5], lrs);
    }

    [Fact]
    public void Momentum_follows_onecycle_and_is_null_for_the_rest()
    {
        var onecycle = new Schedule(new OneCycleProfile());
        Close.Equal(0.95, onecycle.Momentum(0, 10)!.Value);
        Close.Equal(0.85, onecycle.Momentum(5, 10)!.Value);
        Assert.Null(new Schedule(new RexProfile()).Momentum(3, 10));
    }

    [Fact]
    public void Validate_reports_every_problem_and_accepts_a_good_schedule()
    {
        var bad = new Schedule(new RexProfile()) { WarmupSteps = 10, MinLr = 2, Sampling = new EveryKSteps(-1) };
        var problems = bad.Validate(10, 1).ToList();
        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("--warmup"));
        Assert.Contains(problems, p => p.StartsWith("--min-lr"));
        Assert.Contains("--steps", Assert.Single(new Schedule(new RexProfile()).Validate(0, 1)));
        Assert.Contains("--lr", Assert.Single(new Schedule(new RexProfile()).Validate(5, -1)));
        Assert.Empty(new Schedule(new RexProfile()) { WarmupSteps = 9 }.Validate(10, 1));
    }
}
