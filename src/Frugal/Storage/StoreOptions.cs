namespace Frugal.Storage;

/// <summary>How long a claimed trial stays a worker's without a heartbeat, and how often a trial may be lost before it fails.</summary>
public sealed record StoreOptions
{
    /// <summary>
    /// Long enough that a busy machine's late heartbeat does not lose a trial, short enough that a killed
    /// worker's trial runs again within a minute.
    /// </summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Claims a trial may have: a trial whose lease ran out this many times is marked failed.</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>Six heartbeats a lease, so a few late or lost ones never cost the trial.</summary>
    public TimeSpan HeartbeatEvery => Lease / 6;

    public IEnumerable<string> Validate()
    {
        if (Lease < TimeSpan.FromMilliseconds(300)) yield return $"lease must be at least 0.3 s, got {Lease.TotalSeconds} s";
        if (MaxAttempts < 1) yield return $"max attempts must be at least 1, got {MaxAttempts}";
    }
}
