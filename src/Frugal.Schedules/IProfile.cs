namespace Frugal.Schedules;

/// <summary>
/// A schedule's profile (REX paper, section 3): the learning rate as a fraction of the
/// initial one, eta(p) / eta0, for training progress p = t / T in [0, 1].
/// </summary>
public interface IProfile
{
    double At(double p);
}

/// <summary>A profile that also moves momentum (or Adam's beta1) with progress, as OneCycle does.</summary>
public interface IMomentumProfile : IProfile
{
    double MomentumAt(double p);
}
