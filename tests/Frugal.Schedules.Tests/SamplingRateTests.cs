namespace Frugal.Schedules.Tests;

public class SamplingRateTests
{
    private static double[] Lrs(Schedule schedule, int steps) =>
        [.. Enumerable.Range(0, steps).Select(t => schedule.LearningRate(1, t, steps))];

    [Fact]
    public void Every_iteration_reads_the_profile_at_t_over_T()
    {
        // The exact REX sequence for T = 4: p = 0, 1/4, 1/2, 3/4. Step 0 gets the peak.
        Assert.Equal([1, 0.75 / 0.875, 0.5 / 0.75, 0.25 / 0.625], Lrs(new Schedule(new RexProfile()), 4));
    }

    [Fact]
    public void Every_k_steps_holds_the_value_sampled_at_the_start_of_each_block()
    {
        var lrs = Lrs(new Schedule(new LinearProfile()) { Sampling = new EveryKSteps(3) }, 10);
        Assert.Equal([1, 1, 1, 0.7, 0.7, 0.7, 0.4, 0.4, 0.4, 0.1], lrs, new ToleranceComparer());
    }

    [Fact]
    public void Every_epoch_is_every_k_with_k_the_steps_per_epoch()
    {
        Assert.Equal(new EveryKSteps(469), SamplingRate.EveryEpoch(469));
    }

    [Fact]
    public void At_fractions_holds_eta_zero_until_the_first_point()
    {
        // The paper's 50-75 sampling of linear over T = 8: eta(0) until step 4, eta(.5) until step 6, then eta(.75).
        var lrs = Lrs(new Schedule(new LinearProfile()) { Sampling = new AtFractions([0.5, 0.75]) }, 8);
        Assert.Equal([1, 1, 1, 1, 0.5, 0.5, 0.25, 0.25], lrs);
    }

    [Fact]
    public void At_fractions_rounds_points_that_fall_on_a_step_despite_floating_point()
    {
        // 0.7 * 10 = 7.000000000000001 in doubles: the user means step 7.
        var lrs = Lrs(new Schedule(new LinearProfile()) { Sampling = new AtFractions([0.7]) }, 10);
        Close.Equal(0.3, lrs[7]);
        Close.Equal(1, lrs[6]);
    }

    [Fact]
    public void At_fractions_between_steps_take_effect_at_the_next_step()
    {
        var lrs = Lrs(new Schedule(new LinearProfile()) { Sampling = new AtFractions([0.33, 0.66]) }, 10);
        Assert.Equal([1, 1, 1, 1, 0.67, 0.67, 0.67, 0.34, 0.34, 0.34], lrs, new ToleranceComparer());
    }

    [Fact]
    public void Every_fraction_makes_the_papers_every_10_percent()
    {
        var every10 = (AtFractions)SamplingRate.EveryFraction(0.1);
        Assert.Equal(9, every10.Fractions.Count);
        Close.Equal(0.9, every10.Fractions[^1]);
        Assert.Equal(99, ((AtFractions)SamplingRate.EveryFraction(0.01)).Fractions.Count);
    }

    [Fact]
    public void Validation_names_each_problem()
    {
        Assert.Contains("positive", Assert.Single(new EveryKSteps(0).Validate(10)));
        Assert.Contains("strictly increasing", Assert.Single(new AtFractions([0.5, 0.5]).Validate(10)));
        Assert.Contains("between 0 and 1", Assert.Single(new AtFractions([0.5, 1]).Validate(10)));
        Assert.Contains("between 0 and 1", Assert.Single(new AtFractions([0]).Validate(10)));
        Assert.Single(new AtFractions([]).Validate(10));
    }
}

internal sealed class ToleranceComparer : IEqualityComparer<double>
{
    public bool Equals(double x, double y) => Math.Abs(x - y) <= 1e-12 * Math.Max(1, Math.Abs(x));

    public int GetHashCode(double obj) => 0;
}
