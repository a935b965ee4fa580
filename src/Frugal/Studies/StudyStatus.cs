using Frugal.Storage;

namespace Frugal.Studies;

/// <summary>A running trial's worker as `study status` shows it.</summary>
public sealed record RunningWorker(string Worker, string TrialKey, int Attempt, DateTimeOffset? HeartbeatAt, DateTimeOffset? LeaseUntil);

/// <summary>
/// A study's state from its stored trials: counts by status, who runs what, and an ETA from the trials
/// finished so far. Computed from the store alone, so it works from any machine while workers run elsewhere.
/// </summary>
public sealed record StudyStatus(string Study, IReadOnlyDictionary<TrialStatus, int> Counts, IReadOnlyList<RunningWorker> Running, TimeSpan? Eta)
{
    public int Total => Counts.Values.Sum();

    public int Count(TrialStatus status) => Counts.GetValueOrDefault(status);

    /// <summary>
    /// ETA = mean run time of the trials done so far x trials left / workers running now (at least one).
    /// Unknown until a trial is done.
    /// </summary>
    public static StudyStatus Of(string study, IReadOnlyList<StoredTrial> trials)
    {
        var counts = Enum.GetValues<TrialStatus>().ToDictionary(s => s, s => trials.Count(t => t.Status == s));
        var running = trials
            .Where(t => t.Status == TrialStatus.Running)
            .Select(t => new RunningWorker(t.Worker ?? "?", t.Key, t.Attempts, t.HeartbeatAt, t.LeaseUntil))
            .ToList();
        var durations = trials
            .Where(t => t.Status is TrialStatus.Done or TrialStatus.Diverged && t.StartedAt is not null && t.FinishedAt is not null)
            .Select(t => (t.FinishedAt!.Value - t.StartedAt!.Value).TotalSeconds)
            .ToList();
        int left = counts[TrialStatus.Queued] + counts[TrialStatus.Running];
        TimeSpan? eta = left == 0 ? TimeSpan.Zero
            : durations.Count == 0 ? null
            : TimeSpan.FromSeconds(durations.Average() * left / Math.Max(1, running.Select(r => r.Worker).Distinct().Count()));
        return new StudyStatus(study, counts, running, eta);
    }
}
