namespace Frugal.Schedules;

/// <summary>Cosine annealing without restarts (Loshchilov, Hutter, ICLR 2017): eta(p) = (1 + cos(pi p)) / 2.</summary>
public sealed record CosineProfile : IProfile
{
    public double At(double p) => (1 + Math.Cos(Math.PI * p)) / 2;
}
