using CsCheck;

namespace Frugal.Schedules.Tests;

/// <summary>Invariants over random budgets, steps and profile parameters.</summary>
public class PropertyTests
{
    private static readonly Gen<ProfileKind> Kind =
        Gen.OneOfConst([.. ProfileKinds.All.Where(k => k.IsFunctionOfProgress())]);

    private static readonly Gen<ProfileOptions> Options =
        Gen.Select(Gen.Double[0, 0.99], Gen.Double[-10, -0.1], Gen.Double[0.01, 1], Gen.Double[0, 0.95],
            (beta, gamma, factor, delay) => ProfileOptions.Paper with { Beta = beta, Gamma = gamma, Factor = factor, Delay = delay });

    [Fact]
    public void Every_profile_stays_within_zero_and_one()
    {
        Gen.Select(Kind, Options, Gen.Double[0, 1]).Sample((kind, options, p) =>
        {
            var eta = options.Create(kind).At(p);
            return eta >= 0 && eta <= 1 + 1e-15;
        });
    }

    [Fact]
    public void Refitting_keeps_the_shape_for_any_budget()
    {
        // lr(t; T) = lr(k t; k T): the same curve whatever the total steps.
        Gen.Select(Kind, Gen.Int[1, 2000], Gen.Int[2, 50], Gen.Double[0, 1]).Sample((kind, steps, k, fraction) =>
        {
            var schedule = new Schedule(ProfileOptions.Paper.Create(kind));
            var t = (int)(fraction * (steps - 1));
            return Math.Abs(schedule.LearningRate(1, t, steps) - schedule.LearningRate(1, k * t, k * steps)) < 1e-12;
        });
    }

    [Fact]
    public void Every_k_steps_is_constant_within_each_block_and_equals_the_block_start()
    {
        Gen.Select(Kind, Gen.Int[1, 500], Gen.Int[1, 60]).Sample((kind, steps, k) =>
        {
            var held = new Schedule(ProfileOptions.Paper.Create(kind)) { Sampling = new EveryKSteps(k) };
            var fresh = new Schedule(ProfileOptions.Paper.Create(kind));
            return Enumerable.Range(0, steps).All(t => held.LearningRate(1, t, steps) == fresh.LearningRate(1, t / k * k, steps));
        });
    }

    [Fact]
    public void At_fractions_only_ever_takes_listed_values()
    {
        var fractions = Gen.Double[0.01, 0.99].Array[1, 5].Select(a => a.Distinct().Order().ToArray());
        Gen.Select(Kind, Gen.Int[1, 400], fractions).Sample((kind, steps, points) =>
        {
            var profile = ProfileOptions.Paper.Create(kind);
            var schedule = new Schedule(profile) { Sampling = new AtFractions(points) };
            double[] allowed = [profile.At(0), .. points.Select(profile.At)];
            return Enumerable.Range(0, steps).All(t => allowed.Contains(schedule.LearningRate(1, t, steps)));
        });
    }

    [Fact]
    public void Warmup_rises_linearly_to_the_peak_and_min_lr_bounds_the_rest()
    {
        Gen.Select(Kind, Gen.Int[2, 1000], Gen.Double[0, 0.99], Gen.Double[0, 0.5]).Sample((kind, steps, warmupShare, minLr) =>
        {
            var warmup = (int)(warmupShare * (steps - 1));
            var schedule = new Schedule(ProfileOptions.Paper.Create(kind)) { WarmupSteps = warmup, MinLr = minLr };
            for (var t = 0; t < steps; t++)
            {
                var lr = schedule.LearningRate(1, t, steps);
                if (t < warmup && Math.Abs(lr - (t + 1.0) / warmup) > 1e-12) return false;
                if (t >= warmup && (lr < minLr - 1e-12 || lr > 1 + 1e-12)) return false;
            }
            return true;
        });
    }

    [Fact]
    public void Rex_lies_above_linear_and_below_one()
    {
        Gen.Select(Gen.Double[0, 0.99], Gen.Double[0.001, 0.999]).Sample((beta, p) =>
        {
            var rex = new RexProfile(beta).At(p);
            return rex >= 1 - p - 1e-15 && rex <= 1;
        });
    }
}
