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
    string? Error);

/// <summary>
/// Where studies keep their trials, so a killed study resumes and several processes share one queue.
/// SQLite (one file, WAL) is the default; PostgreSQL comes later behind the same interface.
/// </summary>
public interface IRunStore : IDisposable
{
    /// <summary>Creates the study if new; an existing study keeps its trials.</summary>
    void EnsureStudy(string study, string specJson);

    /// <summary>Adds trials not yet in the study (by key); existing ones, done or not, are left alone.</summary>
    int Enqueue(string study, IEnumerable<(string Key, string ConfigJson)> trials);

    /// <summary>Atomically takes the next queued trial (lowest id) for this worker, or null when none is left.</summary>
    StoredTrial? ClaimNext(string study, string worker);

    /// <summary>Records the end of a trial: Done, Diverged or Failed, with its result JSON. A second completion is a no-op.</summary>
    void Complete(long trialId, TrialStatus status, string? resultJson, string? error);

    /// <summary>Puts trials left Running by a killed process back in the queue; returns how many.</summary>
    int RequeueRunning(string study);

    void AppendSeries(long trialId, string name, IEnumerable<(int Step, double Value)> points);

    IReadOnlyList<(int Step, double Value)> Series(long trialId, string name);

    IReadOnlyList<StoredTrial> Trials(string study);
}
