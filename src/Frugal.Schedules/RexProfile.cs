namespace Frugal.Schedules;

/// <summary>
/// REX: Revisiting Budgeted Training with an Improved Schedule (Chen, Wolfe, Kyrillidis, MLSys 2022).
/// eta(p) = (1 - p) / (1 - beta p). The paper's profile is beta = 1/2, i.e. (1 - p) / (1/2 + 1/2 (1 - p));
/// beta = 0.9 is the (1 - p) / (0.1 + 0.9 (1 - p)) form found in other implementations.
/// </summary>
public sealed record RexProfile(double Beta = 0.5) : IProfile
{
    public double At(double p) => (1 - p) / (1 - Beta * p);
}
