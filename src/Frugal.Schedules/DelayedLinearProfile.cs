namespace Frugal.Schedules;

/// <summary>
/// Constant until a fraction <see cref="Delay"/> of the budget, then linear to zero
/// (REX paper, Figure 3, with delays of 50% and 75%).
/// </summary>
public sealed record DelayedLinearProfile(double Delay = 0.5) : IProfile
{
    public double At(double p) => p < Delay ? 1 : (1 - p) / (1 - Delay);
}
