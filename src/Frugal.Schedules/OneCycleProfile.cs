namespace Frugal.Schedules;

/// <summary>
/// OneCycle as the REX paper runs it (after Smith and Topin, 2019): a triangle that rises linearly
/// from eta_min = 0.1 eta_max to eta_max at p = 1/2 and falls back to eta_min at p = 1, while
/// momentum (or Adam's beta1) moves the opposite way, 0.95 -> 0.85 -> 0.95.
/// </summary>
public sealed record OneCycleProfile(double MinRatio = 0.1, double MaxMomentum = 0.95, double MinMomentum = 0.85)
    : IMomentumProfile
{
    public double At(double p) => MinRatio + (1 - MinRatio) * Triangle(p);

    public double MomentumAt(double p) => MaxMomentum - (MaxMomentum - MinMomentum) * Triangle(p);

    // 0 at both ends of the budget, 1 at its middle.
    private static double Triangle(double p) => 1 - Math.Abs(2 * p - 1);
}
