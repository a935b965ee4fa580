namespace Frugal.Schedules;

/// <summary>
/// A learning-rate schedule = profile x sampling rate (REX paper, section 3), with optional linear
/// warmup and a floor. Re-fitted to each budget: the same curve shape whatever the total steps T.
/// Step t (0 .. T-1) is the step about to be taken, so lr(0) is the peak (or the first warmup value).
/// </summary>
public sealed record Schedule(IProfile Profile)
{
    public SamplingRate Sampling { get; init; } = SamplingRate.EveryIteration;

    /// <summary>W: the learning rate climbs linearly from lr/W to lr over steps 0..W-1, then the profile runs over T - W steps.</summary>
    public int WarmupSteps { get; init; }

    /// <summary>M: after warmup, lr(t) = M + (lr - M) eta(p) / eta0.</summary>
    public double MinLr { get; init; }

    public double LearningRate(double peakLr, int t, int totalSteps)
    {
        if (t < WarmupSteps) return peakLr * (t + 1) / WarmupSteps;
        return MinLr + (peakLr - MinLr) * Profile.At(Progress(t, totalSteps));
    }

    /// <summary>Momentum (or Adam's beta1) at step t, for profiles that move it; null for the rest.</summary>
    public double? Momentum(int t, int totalSteps) =>
        Profile is IMomentumProfile m ? m.MomentumAt(t < WarmupSteps ? 0 : Progress(t, totalSteps)) : null;

    private double Progress(int t, int totalSteps)
    {
        var remaining = totalSteps - WarmupSteps;
        return Sampling.Progress(Math.Min(t - WarmupSteps, remaining), remaining);
    }

    /// <summary>Every problem with running this schedule for <paramref name="totalSteps"/> steps at <paramref name="peakLr"/>.</summary>
    public IEnumerable<string> Validate(int totalSteps, double peakLr)
    {
        if (totalSteps <= 0)
        {
            yield return $"--steps must be a positive number of steps, got {totalSteps}";
            yield break;
        }
        if (!(peakLr > 0) || !double.IsFinite(peakLr)) yield return $"--lr must be a positive number, got {peakLr}";
        else if (!(MinLr >= 0) || MinLr >= peakLr) yield return $"--min-lr must be in [0, lr) = [0, {peakLr}), got {MinLr}";
        if (WarmupSteps < 0 || WarmupSteps >= totalSteps)
            yield return $"--warmup must be in [0, steps) = [0, {totalSteps}), got {WarmupSteps}";
        foreach (var problem in Sampling.Validate(totalSteps)) yield return problem;
    }
}
