using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Frugal.Data;
using Frugal.Models;
using Frugal.Storage;
using Frugal.Studies.Allocation;
using Frugal.Text;
using Frugal.Training;

namespace Frugal.Studies;

/// <summary>
/// Takes queued trials of a study (of any study when none is named) from the store and runs them until
/// none is left, queued or running elsewhere. While a trial runs, a background timer heartbeats its lease;
/// a trial whose lease is lost (another worker took it after a stall) is abandoned here. Each trial
/// checkpoints under <c>CheckpointRoot</c>, so a trial cut short by a kill resumes where it stopped when a
/// worker takes it again. Cancelled (SIGTERM), the worker gives its trial back to the queue and stops.
/// A diverged run is recorded as diverged; any other failure as failed, with its message, and queued again while
/// it has attempts left; either way the worker goes on with the next trial.
/// </summary>
public sealed class StudyWorker(IRunStore store, string? study, string workerName, string? checkpointRoot, int threads)
{
    // The store's connection is used from one thread at a time: the trial's thread and the heartbeat timer share it.
    private readonly Lock _gate = new();

    /// <summary>The trial released because of cancellation, if any.</summary>
    public StoredTrial? Released { get; private set; }

    public int Run(int maxTrials = int.MaxValue, CancellationToken cancellation = default)
    {
        var ran = 0;
        while (ran < maxTrials && !cancellation.IsCancellationRequested)
        {
            var trial = Locked(() => store.ClaimNext(study, workerName));
            if (trial is null)
            {
                // Another worker's trial may still come back to the queue if that worker dies: wait for it.
                if (!Locked(AnyRunning)) break;
                cancellation.WaitHandle.WaitOne(PollEvery);
                continue;
            }
            if (!RunOne(trial, cancellation)) break;
            ran++;
        }
        return ran;
    }

    private TimeSpan PollEvery => TimeSpan.FromMilliseconds(Math.Clamp(store.Options.Lease.TotalMilliseconds / 4, 100, 5000));

    private bool AnyRunning() =>
        (study is null ? store.Studies() : [study]).Any(s => store.Trials(s).Any(t => t.Status == TrialStatus.Running));

    /// <summary>Runs the trial under a heartbeat; false when it was given back because the worker is stopping.</summary>
    private bool RunOne(StoredTrial trial, CancellationToken cancellation)
    {
        var checkpoint = checkpointRoot is null ? null : Path.Combine(checkpointRoot, DirectoryName(trial.Key));
        using var lost = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var beating = true;
        using var heartbeat = new Timer(_ =>
        {
            lock (_gate)
            {
                if (!beating) return;
                try
                {
                    if (!store.Heartbeat(trial.Id, workerName)) lost.Cancel();
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A missed heartbeat (network blip) is what the lease's slack is for; the next one may get through.
                }
            }
        }, null, store.Options.HeartbeatEvery, store.Options.HeartbeatEvery);
        // Under the lock, so no heartbeat runs after the trial's end is written or touches a disposed token.
        void StopHeartbeat() => Locked(() => { beating = false; });
        try
        {
            if (AllocationTrials.Is(trial.ConfigJson))
            {
                var work = checkpoint ?? Path.Combine(Path.GetTempPath(), $"frugal-{DirectoryName(trial.Key)}-{Environment.ProcessId}");
                var outcome = AllocationTrials.Run(trial.ConfigJson, work, threads, lost.Token);
                StopHeartbeat();
                Locked(() => AllocationTrials.Record(store, trial.Id, outcome));
                if (Directory.Exists(work)) Directory.Delete(work, recursive: true);
                return true;
            }
            var config = JsonSerializer.Deserialize<TrainConfig>(trial.ConfigJson, FrugalJson.Options)
                ?? throw new InvalidDataException($"trial {trial.Key}: empty configuration");
            var options = new RunOptions
            {
                CheckpointDirectory = checkpoint,
                Resume = checkpoint is not null,
                Cancellation = lost.Token,
                Threads = threads,
            };
            var result = Train(config, options);
            StopHeartbeat();
            Locked(() => Record(store, trial.Id, result));
            if (checkpoint is not null && Directory.Exists(checkpoint)) Directory.Delete(checkpoint, recursive: true);
            return true;
        }
        catch (OperationCanceledException) when (lost.IsCancellationRequested)
        {
            StopHeartbeat();
            if (!cancellation.IsCancellationRequested) return true;   // the lease was lost: the trial is another worker's now
            Locked(() => store.Release(trial.Id, workerName));
            Released = trial;
            return false;
        }
        catch (Exception exception)
        {
            StopHeartbeat();
            Locked(() => store.Complete(trial.Id, TrialStatus.Failed, null, $"{exception.GetType().Name}: {exception.Message}"));
            // Back to the queue while it has attempts left (RetryFailed checks): TorchSharp can free a temporary Scalar
            // during the native call that reads it ("Unknown scalar type"), and such a trial passes on its next attempt.
            Locked(() => store.RetryFailed(trial.Study));
            return true;
        }
    }

    /// <summary>Runs one trial on its data: a generated corpus for the GPT, an IDX data set for the image models.</summary>
    public static TrainResult Train(TrainConfig config, RunOptions options)
    {
        if (config.Model.IsLanguageModel())
        {
            var corpus = GeneratedCorpus.Parse(config.Data);
            return BudgetedTrainer.Run(config, corpus.Load(config.GptModel(ByteTokenizer.Instance.VocabSize).ContextLength), options);
        }
        var (train, test) = DataSource.Parse(config.Data).Load();
        return BudgetedTrainer.Run(config, DataSplit.Create(train, test, config.ValidationFraction), options);
    }

    private T Locked<T>(Func<T> action)
    {
        lock (_gate) return action();
    }

    private void Locked(Action action)
    {
        lock (_gate) action();
    }

    /// <summary>Stores a finished run: its per-epoch series, then its result, as done or diverged.</summary>
    public static void Record(IRunStore store, long trialId, TrainResult result)
    {
        store.AppendSeries(trialId, "val_loss", result.History.Select(e => (e.Step, e.ValLoss)));
        store.AppendSeries(trialId, "train_loss", result.History.Select(e => (e.Step, e.TrainLoss)));
        store.AppendSeries(trialId, "lr", result.History.Select(e => (e.Step, e.Lr)));
        var status = result.IsDiverged ? TrialStatus.Diverged : TrialStatus.Done;
        store.Complete(trialId, status, JsonSerializer.Serialize(result, FrugalJson.Options), null);
    }

    // Keys hold '/', '|' and '='; a short hash keeps directory names portable and unique.
    private static string DirectoryName(string key) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..16].ToLowerInvariant();
}
