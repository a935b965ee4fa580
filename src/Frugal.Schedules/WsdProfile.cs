namespace Frugal.Schedules;

/// <summary>
/// Warmup-stable-decay, the stable and decay parts (add warmup with <see cref="Schedule.WarmupSteps"/>):
/// constant, then over the last <see cref="DecayFraction"/> of the budget a "1 - sqrt" cooldown to zero,
/// the shape Hägele et al. (2024, "Scaling Laws and Compute-Optimal Training Beyond Fixed Training
/// Durations") found best; 20% is their recommended cooldown length.
/// </summary>
public sealed record WsdProfile(double DecayFraction = 0.2) : IProfile
{
    public double At(double p)
    {
        var decayStart = 1 - DecayFraction;
        return p < decayStart ? 1 : 1 - Math.Sqrt((p - decayStart) / DecayFraction);
    }
}
