using System.Diagnostics;
using Frugal.Storage;

namespace Frugal.Studies;

/// <summary>Counts of a study's trials, for a live view.</summary>
public readonly record struct StudyProgress(int Done, int Running, int Queued, int Diverged, int Failed, TimeSpan Elapsed, TimeSpan? Eta)
{
    public int Total => Done + Running + Queued + Diverged + Failed;
    public int Finished => Done + Diverged + Failed;
}

/// <summary>
/// Runs every unfinished trial of a study: queues the grid (trials already in the store are kept, so
/// done ones are skipped), gives failed trials with attempts left another one, ends the leases of trials left running by dead processes of this host (a
/// killed earlier run) so they run again at once, then works the queue in this process or in N worker
/// processes that share the store. Trials running on other hosts keep their leases.
/// </summary>
public sealed class StudyRunner(Func<IRunStore> openStore, string study)
{
    /// <param name="trialCost">Relative cost of a trial (e.g. its budget in epochs), for the ETA.</param>
    public void Run(
        string specJson,
        IEnumerable<(string Key, string ConfigJson)> trials,
        int workers,
        Func<int, ProcessStartInfo> workerProcess,
        Func<StudyWorker> inProcessWorker,
        Func<StoredTrial, double> trialCost,
        IProgress<StudyProgress>? progress,
        CancellationToken cancellation = default)
    {
        using (var store = openStore())
        {
            store.EnsureStudy(study, specJson);
            store.Enqueue(study, trials);
            store.RetryFailed(study);
            foreach (var trial in store.Trials(study).Where(t => t.Status == TrialStatus.Running && WorkerName.IsDeadHere(t.Worker)))
                store.Abandon(trial.Id, trial.Worker!);
        }

        var clock = Stopwatch.StartNew();
        var costAtStart = Costs(trialCost);
        if (workers <= 1)
        {
            using var monitor = new Timer(_ => progress?.Report(Snapshot(trialCost, clock, costAtStart)), null, TimeSpan.Zero, TimeSpan.FromSeconds(5));
            inProcessWorker().Run(cancellation: cancellation);
        }
        else
        {
            var processes = Enumerable.Range(0, workers).Select(i => Process.Start(workerProcess(i))!).ToList();
            try
            {
                while (!processes.All(p => p.WaitForExit(TimeSpan.FromSeconds(2))))
                {
                    cancellation.ThrowIfCancellationRequested();
                    progress?.Report(Snapshot(trialCost, clock, costAtStart));
                }
                var failed = processes.Where(p => p.ExitCode != 0).Select(p => p.ExitCode).ToList();
                if (failed.Count > 0) throw new InvalidOperationException($"{failed.Count} worker process(es) exited with code(s) {string.Join(", ", failed)}");
            }
            finally
            {
                foreach (var p in processes.Where(p => !p.HasExited)) p.Kill(entireProcessTree: true);
                foreach (var p in processes) p.Dispose();
            }
        }
        progress?.Report(Snapshot(trialCost, clock, costAtStart));
    }

    private (double Left, double Total) Costs(Func<StoredTrial, double> trialCost)
    {
        using var store = openStore();
        var trials = store.Trials(study);
        return (trials.Where(t => t.Status is TrialStatus.Queued or TrialStatus.Running).Sum(t => trialCost(t)), trials.Sum(t => trialCost(t)));
    }

    // ETA from the cost finished since this run started: trials differ in budget by 100x, so counts would mislead.
    private StudyProgress Snapshot(Func<StoredTrial, double> trialCost, Stopwatch clock, (double Left, double Total) atStart)
    {
        using var store = openStore();
        var trials = store.Trials(study);
        int Count(TrialStatus s) => trials.Count(t => t.Status == s);
        var left = trials.Where(t => t.Status is TrialStatus.Queued or TrialStatus.Running).Sum(t => trialCost(t));
        var doneSinceStart = atStart.Left - left;
        TimeSpan? eta = doneSinceStart > 0 ? clock.Elapsed * (left / doneSinceStart) : null;
        return new StudyProgress(Count(TrialStatus.Done), Count(TrialStatus.Running), Count(TrialStatus.Queued),
            Count(TrialStatus.Diverged), Count(TrialStatus.Failed), clock.Elapsed, eta);
    }
}
