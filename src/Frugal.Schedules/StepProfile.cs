namespace Frugal.Schedules;

/// <summary>
/// Step decay: multiply by <see cref="Factor"/> at each milestone fraction of the budget.
/// The REX paper uses the "50-75" schedule of He et al. (2016): x0.1 at p = 1/2 and again at p = 3/4.
/// </summary>
public sealed record StepProfile(IReadOnlyList<double> Milestones, double Factor = 0.1) : IProfile
{
    public static IReadOnlyList<double> PaperMilestones { get; } = [0.5, 0.75];

    public StepProfile() : this(PaperMilestones) { }

    public double At(double p) => Math.Pow(Factor, Milestones.Count(m => p >= m));
}
