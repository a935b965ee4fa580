namespace Frugal.Schedules;

/// <summary>
/// The hyperparameters of every profile, defaulting to the REX paper's choices
/// (papers.md, section 1): REX beta 1/2, exponential gamma -3, step "50-75" with factor 0.1,
/// delayed linear at 50%. WSD and polynomial are not in the paper; see their profiles.
/// </summary>
public sealed record ProfileOptions
{
    public double Beta { get; init; } = 0.5;
    public double Gamma { get; init; } = -3;
    public IReadOnlyList<double> Milestones { get; init; } = StepProfile.PaperMilestones;
    public double Factor { get; init; } = 0.1;
    public double Delay { get; init; } = 0.5;
    public double DecayFraction { get; init; } = 0.2;
    public double Power { get; init; } = 1;

    public static ProfileOptions Paper { get; } = new();

    public IProfile Create(ProfileKind kind) => kind switch
    {
        ProfileKind.Rex => new RexProfile(Beta),
        ProfileKind.Linear => new LinearProfile(),
        ProfileKind.Cosine => new CosineProfile(),
        ProfileKind.Exponential => new ExponentialProfile(Gamma),
        ProfileKind.Step => new StepProfile(Milestones, Factor),
        ProfileKind.OneCycle => new OneCycleProfile(),
        ProfileKind.Constant => new ConstantProfile(),
        ProfileKind.DelayedLinear => new DelayedLinearProfile(Delay),
        ProfileKind.Wsd => new WsdProfile(DecayFraction),
        ProfileKind.Polynomial => new PolynomialProfile(Power),
        ProfileKind.Plateau => throw new ArgumentException(
            "plateau is driven by a validation metric, not by progress: use PlateauSchedule", nameof(kind)),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>Every problem with these options, empty when they are usable.</summary>
    public IEnumerable<string> Validate()
    {
        // beta = 1 would divide by zero at p = 1; beyond it REX rises above 1.
        if (!(Beta >= 0 && Beta < 1)) yield return $"--beta must be in [0, 1), got {Beta}";
        if (!double.IsFinite(Gamma)) yield return $"--gamma must be a finite number, got {Gamma}";
        if (!(Factor > 0 && Factor <= 1)) yield return $"--factor must be in (0, 1], got {Factor}";
        if (!(Delay >= 0 && Delay < 1)) yield return $"--delay must be in [0, 1), got {Delay}";
        if (!(DecayFraction > 0 && DecayFraction <= 1)) yield return $"--decay must be in (0, 1], got {DecayFraction}";
        if (!(Power > 0)) yield return $"--power must be positive, got {Power}";
        foreach (var problem in FractionList.Problems(Milestones, "--milestones")) yield return problem;
    }
}
