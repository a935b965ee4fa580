using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Frugal.Data;
using Frugal.Storage;
using Frugal.Training;

namespace Frugal.Studies;

/// <summary>
/// Takes queued trials of a study from the store and runs them until none is left. Each trial
/// checkpoints under <c>CheckpointRoot</c>, so a trial cut short by a kill resumes where it stopped
/// when a worker takes it again. A diverged run is recorded as diverged; any other failure as failed,
/// with its message; either way the worker goes on with the next trial.
/// </summary>
public sealed class StudyWorker(IRunStore store, string study, string workerName, string? checkpointRoot, int threads)
{
    public int Run(int maxTrials = int.MaxValue, CancellationToken cancellation = default)
    {
        var ran = 0;
        while (ran < maxTrials && !cancellation.IsCancellationRequested && store.ClaimNext(study, workerName) is { } trial)
        {
            RunOne(trial, cancellation);
            ran++;
        }
        return ran;
    }

    private void RunOne(StoredTrial trial, CancellationToken cancellation)
    {
        var checkpoint = checkpointRoot is null ? null : Path.Combine(checkpointRoot, DirectoryName(trial.Key));
        try
        {
            var config = JsonSerializer.Deserialize<TrainConfig>(trial.ConfigJson, FrugalJson.Options)
                ?? throw new InvalidDataException($"trial {trial.Key}: empty configuration");
            var (train, test) = DataSource.Parse(config.Data).Load();
            var data = DataSplit.Create(train, test, config.ValidationFraction);
            var result = BudgetedTrainer.Run(config, data, new RunOptions
            {
                CheckpointDirectory = checkpoint,
                Resume = checkpoint is not null,
                Cancellation = cancellation,
                Threads = threads,
            });
            Record(store, trial.Id, result);
            if (checkpoint is not null && Directory.Exists(checkpoint)) Directory.Delete(checkpoint, recursive: true);
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception exception)
        {
            store.Complete(trial.Id, TrialStatus.Failed, null, $"{exception.GetType().Name}: {exception.Message}");
        }
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
