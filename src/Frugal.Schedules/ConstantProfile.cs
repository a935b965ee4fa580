namespace Frugal.Schedules;

/// <summary>No schedule: the initial learning rate throughout ("none" in the REX paper).</summary>
public sealed record ConstantProfile : IProfile
{
    public double At(double p) => 1;
}
