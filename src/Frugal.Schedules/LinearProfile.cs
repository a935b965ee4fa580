namespace Frugal.Schedules;

/// <summary>Linear decay to zero at the end of the budget (Li, Yumer, Ramanan, ICLR 2020): eta(p) = 1 - p.</summary>
public sealed record LinearProfile : IProfile
{
    public double At(double p) => 1 - p;
}
