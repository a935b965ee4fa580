namespace Frugal.Schedules.Tests;

public class ProfileTests
{
    private static readonly double[] Ps = [0, 0.5, 0.75, 0.9, 1];

    [Fact]
    public void Rex_matches_the_papers_closed_form()
    {
        var rex = new RexProfile();
        // (1 - p) / (1/2 + 1/2 (1 - p)): papers.md gives .667 at 1/2, .40 at 3/4, .18 at 9/10.
        Close.Equal(1, rex.At(0));
        Close.Equal(2.0 / 3, rex.At(0.5));
        Close.Equal(2.0 / 5, rex.At(0.75));
        Close.Equal(2.0 / 11, rex.At(0.9));
        Close.Equal(0, rex.At(1));
    }

    [Fact]
    public void Rex_beta_09_is_the_variant_in_other_code()
    {
        var rex = new RexProfile(0.9);
        foreach (var p in Ps) Close.Equal((1 - p) / (0.1 + 0.9 * (1 - p)), rex.At(p));
    }

    [Fact]
    public void Linear_cosine_exponential_constant_polynomial_closed_forms()
    {
        double[] linear = [1, 0.5, 0.25, 0.1, 0];
        double[] cosine = [1, 0.5, (1 + Math.Cos(0.75 * Math.PI)) / 2, (1 + Math.Cos(0.9 * Math.PI)) / 2, 0];
        for (var i = 0; i < Ps.Length; i++)
        {
            Close.Equal(linear[i], new LinearProfile().At(Ps[i]));
            Close.Equal(cosine[i], new CosineProfile().At(Ps[i]));
            Close.Equal(Math.Exp(-3 * Ps[i]), new ExponentialProfile().At(Ps[i]));
            Close.Equal(1, new ConstantProfile().At(Ps[i]));
            Close.Equal(linear[i] * linear[i], new PolynomialProfile(2).At(Ps[i]));
        }
        Close.Equal(0.0497870683678639, new ExponentialProfile().At(1));
    }

    [Fact]
    public void Step_is_the_papers_50_75_schedule()
    {
        var step = new StepProfile();
        Close.Equal(1, step.At(0));
        Close.Equal(1, step.At(0.4999));
        Close.Equal(0.1, step.At(0.5));
        Close.Equal(0.1, step.At(0.7499));
        Close.Equal(0.01, step.At(0.75));
        Close.Equal(0.01, step.At(0.9));
        Close.Equal(0.5, new StepProfile([0.3], 0.5).At(0.3));
    }

    [Fact]
    public void Delayed_linear_holds_then_falls_to_zero()
    {
        var delayed = new DelayedLinearProfile(0.75);
        Close.Equal(1, delayed.At(0));
        Close.Equal(1, delayed.At(0.5));
        Close.Equal(1, delayed.At(0.75));
        Close.Equal(0.4, delayed.At(0.9));
        Close.Equal(0, delayed.At(1));
        Close.Equal(0.2, new DelayedLinearProfile().At(0.9));
    }

    [Fact]
    public void OneCycle_is_a_triangle_from_a_tenth_with_momentum_opposite()
    {
        var onecycle = new OneCycleProfile();
        Close.Equal(0.1, onecycle.At(0));
        Close.Equal(0.55, onecycle.At(0.25));
        Close.Equal(1, onecycle.At(0.5));
        Close.Equal(0.55, onecycle.At(0.75));
        Close.Equal(0.1 + 0.9 * 0.2, onecycle.At(0.9));
        Close.Equal(0.1, onecycle.At(1));
        Close.Equal(0.95, onecycle.MomentumAt(0));
        Close.Equal(0.85, onecycle.MomentumAt(0.5));
        Close.Equal(0.90, onecycle.MomentumAt(0.75));
        Close.Equal(0.95, onecycle.MomentumAt(1));
    }

    [Fact]
    public void Wsd_is_stable_then_cools_down_as_one_minus_sqrt()
    {
        var wsd = new WsdProfile();
        Close.Equal(1, wsd.At(0));
        Close.Equal(1, wsd.At(0.5));
        Close.Equal(1, wsd.At(0.8));
        Close.Equal(1 - Math.Sqrt(0.5), wsd.At(0.9));
        Close.Equal(0, wsd.At(1));
    }

    public static TheoryData<ProfileKind> MonotoneDecreasing() =>
        [.. ProfileKinds.All.Where(k => k is not (ProfileKind.OneCycle or ProfileKind.Plateau))];

    [Theory]
    [MemberData(nameof(MonotoneDecreasing))]
    public void Every_decaying_profile_starts_at_one_and_never_rises(ProfileKind kind)
    {
        var profile = ProfileOptions.Paper.Create(kind);
        Close.Equal(1, profile.At(0));
        var previous = 1.0;
        for (var i = 1; i <= 1000; i++)
        {
            var eta = profile.At(i / 1000.0);
            Assert.True(eta <= previous + 1e-15, $"{kind.Name()} rose at p = {i / 1000.0}");
            Assert.True(eta >= 0);
            previous = eta;
        }
    }

    [Fact]
    public void Decaying_profiles_reach_zero_at_the_end_of_the_budget()
    {
        foreach (var kind in new[] { ProfileKind.Rex, ProfileKind.Linear, ProfileKind.Cosine, ProfileKind.DelayedLinear, ProfileKind.Wsd, ProfileKind.Polynomial })
            Close.Equal(0, ProfileOptions.Paper.Create(kind).At(1));
    }

    [Fact]
    public void Names_round_trip_through_the_enum()
    {
        foreach (var kind in ProfileKinds.All)
        {
            Assert.True(ProfileKinds.TryParse(kind.Name(), out var parsed));
            Assert.Equal(kind, parsed);
        }
        Assert.Equal("delayed-linear", ProfileKind.DelayedLinear.Name());
        Assert.Equal("onecycle", ProfileKind.OneCycle.Name());
        Assert.False(ProfileKinds.TryParse("resnet", out _));
    }

    [Fact]
    public void Plateau_has_no_progress_profile()
    {
        Assert.False(ProfileKind.Plateau.IsFunctionOfProgress());
        Assert.Throws<ArgumentException>(() => ProfileOptions.Paper.Create(ProfileKind.Plateau));
    }

    [Fact]
    public void Options_report_every_problem_at_once()
    {
        var bad = ProfileOptions.Paper with { Beta = 1, Factor = 0, Milestones = [0.75, 0.5], Delay = -0.1 };
        var problems = bad.Validate().ToList();
        Assert.Equal(4, problems.Count);
        Assert.Contains(problems, p => p.Contains("--beta"));
        Assert.Contains(problems, p => p.Contains("--milestones must be strictly increasing"));
        Assert.Empty(ProfileOptions.Paper.Validate());
    }
}
