using Frugal.Studies;

namespace Frugal.Storage;

/// <summary>A trial as stored: its identity in the study, its full configuration, and what became of it.</summary>
public sealed record StoredTrial(
    long Id,
    string Study,
    string Key,
    string ConfigJson,
    TrialStatus Status,
    string? ResultJson,
    int Attempts,
    string? Worker,
    string? Error)
{
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>When the worker holding a running trial last said it is alive.</summary>
    public DateTimeOffset? HeartbeatAt { get; init; }

    /// <summary>Until when a running trial is its worker's; after that any claim puts it back in the queue.</summary>
    public DateTimeOffset? LeaseUntil { get; init; }
}

/// <summary>
/// Where studies keep their trials, so a killed study resumes and many processes, on one machine or many,
/// share one queue. SQLite (one file, WAL) is the default; PostgreSQL serves workers on many machines.
/// A claimed trial is leased: its worker heartbeats to keep it, and a trial whose lease ran out (its worker
/// was killed or lost the network) goes back to the queue with its attempts counted, or fails for good once
/// <see cref="StoreOptions.MaxAttempts"/> is reached. An instance is used from one thread at a time.
/// </summary>
public interface IRunStore : IDisposable
{
    /// <summary>The store's file or URL, fit to print: a URL never shows a password.</summary>
    string Location { get; }

    StoreOptions Options { get; }

    /// <summary>Creates the study if new; an existing study keeps its trials and spec.</summary>
    void EnsureStudy(string study, string specJson);

    /// <summary>Adds trials not yet in the study (by key); existing ones, done or not, are left alone.</summary>
    int Enqueue(string study, IEnumerable<(string Key, string ConfigJson)> trials);

    /// <summary>
    /// Atomically takes the next queued trial (lowest id) of the study, or of any study when null, for this
    /// worker, leased for <see cref="StoreOptions.Lease"/>; expired leases are returned first. Null when none is queued.
    /// </summary>
    StoredTrial? ClaimNext(string? study, string worker);

    /// <summary>Extends the lease of a trial this worker runs; false when it is no longer this worker's.</summary>
    bool Heartbeat(long trialId, string worker);

    /// <summary>Records the end of a running trial: Done, Diverged or Failed, with its result JSON. A second completion is a no-op.</summary>
    void Complete(long trialId, TrialStatus status, string? resultJson, string? error);

    /// <summary>
    /// Gives a running trial back to the queue because its worker is stopping (SIGTERM); the attempt does not
    /// count, since the trial did not fail. False when the trial was not this worker's.
    /// </summary>
    bool Release(long trialId, string worker);

    /// <summary>Ends the lease of a trial whose worker is known to be dead, so the next claim treats it as expired.</summary>
    bool Abandon(long trialId, string worker);

    /// <summary>Returns running trials whose lease ran out to the queue, or fails those at the attempt limit; returns how many.</summary>
    int ExpireLeases(string? study);

    /// <summary>
    /// Puts the study's failed trials that have attempts left (fewer than <see cref="StoreOptions.MaxAttempts"/>) back in
    /// the queue, their last error kept until the next claim; returns how many. A rerun of a study calls it, so a
    /// failure that does not repeat (a crash in native code, a full disk) costs one more attempt, not a hole in the grid.
    /// </summary>
    int RetryFailed(string study);

    void AppendSeries(long trialId, string name, IEnumerable<(int Step, double Value)> points);

    IReadOnlyList<(int Step, double Value)> Series(long trialId, string name);

    IReadOnlyList<StoredTrial> Trials(string study);

    /// <summary>Every study's name, oldest first.</summary>
    IReadOnlyList<string> Studies();

    /// <summary>The spec JSON the study was created with, or null for an unknown study.</summary>
    string? StudySpec(string study);
}
