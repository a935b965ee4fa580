namespace Frugal.Schedules;

/// <summary>
/// Exponential decay re-fitted to the budget: eta(p) = exp(gamma p).
/// The REX paper reports gamma = -3 "yields the best performance".
/// </summary>
public sealed record ExponentialProfile(double Gamma = -3) : IProfile
{
    public double At(double p) => Math.Exp(Gamma * p);
}
