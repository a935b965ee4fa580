namespace Frugal.Schedules;

/// <summary>Polynomial decay to zero, eta(p) = (1 - p)^power; PyTorch's PolynomialLR with its default power 1.</summary>
public sealed record PolynomialProfile(double Power = 1) : IProfile
{
    public double At(double p) => Math.Pow(1 - p, Power);
}
