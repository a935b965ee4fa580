using System.Diagnostics;
using System.Text.Json;
using Frugal.Models;
using Frugal.Schedules;
using Frugal.Storage;
using Frugal.Studies;
using Frugal.Tests.Cli;
using Frugal.Tests.Data;
using Frugal.Tests.Models;
using Frugal.Tests.Training;
using Frugal.Training;

namespace Frugal.Tests.Studies;

[Collection(TorchGlobalState.Name)]
public class StudyRunTests
{
    private static RexStudySpec TinySpec(string dataDirectory, double fullEpochs = 2) => new()
    {
        Name = "tiny",
        Settings = [new StudySetting($"mnist:{dataDirectory}", ModelKind.Mlp, fullEpochs, "toy")],
        Optimizers = [OptimizerKind.Sgdm],
        Schedules = [ProfileKind.Rex, ProfileKind.Linear],
        Budgets = [0.5, 1],
    };

    private static List<(string Key, string ConfigJson)> Queue(RexStudySpec spec) =>
        [.. spec.Trials().Select(t => (t.Key, JsonSerializer.Serialize(t.Config, FrugalJson.Options)))];

    private static void RunInProcess(string storePath, RexStudySpec spec) =>
        new StudyRunner(() => SqliteRunStore.Open(storePath), spec.Name).Run(
            "{}", Queue(spec), workers: 1,
            _ => throw new InvalidOperationException("one worker runs in process"),
            () => new StudyWorker(SqliteRunStore.Open(storePath), spec.Name, "test", Path.Combine(Path.GetDirectoryName(storePath)!, "ckpt"), threads: 1),
            _ => 1, progress: null);

    [Fact]
    public void Rerunning_a_study_skips_done_trials_and_finishes_a_killed_one()
    {
        using var files = new IdxFiles();
        TinyImages.WriteDirectory(files, 200, 50);
        var spec = TinySpec(files.Directory);
        var storePath = Path.Combine(files.Directory, "study.db");
        RunInProcess(storePath, spec);

        IReadOnlyList<StoredTrial> first;
        using (var store = SqliteRunStore.Open(storePath)) first = store.Trials(spec.Name);
        Assert.Equal(4, first.Count);
        Assert.All(first, t => Assert.Equal(TrialStatus.Done, t.Status));

        // A process of this host killed mid-trial leaves it running under an unexpired lease; the next run
        // must see the process is gone and run the trial again at once.
        using (var store = SqliteRunStore.Open(storePath))
        {
            store.Enqueue(spec.Name, [("extra", first[0].ConfigJson)]);
            Assert.Equal("extra", store.ClaimNext(spec.Name, WorkerName.Of(Environment.MachineName, DeadPid()))!.Key);
        }
        RunInProcess(storePath, spec);

        using (var store = SqliteRunStore.Open(storePath))
        {
            var second = store.Trials(spec.Name);
            foreach (var trial in first)
            {
                var again = second.Single(t => t.Key == trial.Key);
                Assert.Equal(1, again.Attempts);
                Assert.Equal(trial.ResultJson, again.ResultJson);
            }
            var extra = second.Single(t => t.Key == "extra");
            Assert.Equal(TrialStatus.Done, extra.Status);
            Assert.Equal(2, extra.Attempts);
        }
    }

    private static int DeadPid()
    {
        using var process = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        process.WaitForExit();
        return process.Id;
    }

    /// <summary>Runs the tiny study in process with its first trial's configuration changed; its trials and that first key.</summary>
    private static (IReadOnlyList<StoredTrial> Trials, string FirstKey, int MaxAttempts) RunWithFirstTrial(Func<TrainConfig, string, TrainConfig> change)
    {
        using var files = new IdxFiles();
        TinyImages.WriteDirectory(files, 200, 50);
        var spec = TinySpec(files.Directory);
        var storePath = Path.Combine(files.Directory, "study.db");
        var queue = Queue(spec);
        var first = change(JsonSerializer.Deserialize<TrainConfig>(queue[0].ConfigJson, FrugalJson.Options)!, files.Directory);
        queue[0] = (queue[0].Key, JsonSerializer.Serialize(first, FrugalJson.Options));
        new StudyRunner(() => SqliteRunStore.Open(storePath), spec.Name).Run("{}", queue, 1, _ => throw new InvalidOperationException(),
            () => new StudyWorker(SqliteRunStore.Open(storePath), spec.Name, "test", null, 1), _ => 1, null);
        using var store = SqliteRunStore.Open(storePath);
        return (store.Trials(spec.Name), queue[0].Key, store.Options.MaxAttempts);
    }

    [Fact]
    public void A_failing_trial_is_retried_in_the_same_run_until_its_attempts_are_spent()
    {
        var (trials, key, maxAttempts) = RunWithFirstTrial((config, directory) => config with { Data = $"mnist:{directory}/missing" });
        var failed = trials.Single(t => t.Key == key);
        Assert.Equal(TrialStatus.Failed, failed.Status);
        Assert.Equal(maxAttempts, failed.Attempts);
        Assert.Equal(3, trials.Count(t => t.Status == TrialStatus.Done && t.Attempts == 1));
    }

    [Fact]
    public void A_diverging_trial_is_recorded_and_the_study_goes_on()
    {
        var (trials, key, _) = RunWithFirstTrial((config, _) => config with { Lr = 1e30 });
        Assert.Equal(TrialStatus.Diverged, trials.Single(t => t.Key == key).Status);
        Assert.Equal(3, trials.Count(t => t.Status == TrialStatus.Done));
        Assert.Null(StudyOutcomes.From(trials).Single(o => o.Status == TrialStatus.Diverged).Metric);
    }

    [Fact]
    public void Two_worker_processes_share_one_store_and_run_each_trial_once()
    {
        using var files = new IdxFiles();
        TinyImages.WriteDirectory(files, 400, 50);
        var spec = TinySpec(files.Directory, fullEpochs: 20) with { Budgets = [0.25, 0.5, 0.75, 1] };
        var storePath = Path.Combine(files.Directory, "study.db");
        using (var store = SqliteRunStore.Open(storePath))
        {
            store.EnsureStudy(spec.Name, "{}");
            Assert.Equal(8, store.Enqueue(spec.Name, Queue(spec)));
        }

        var workers = Enumerable.Range(0, 2)
            .Select(_ => CliProcess.Start("worker", "--store", storePath, "--study", spec.Name, "--threads", "1"))
            .ToList();
        foreach (var worker in workers)
        {
            Assert.True(worker.WaitForExit(TimeSpan.FromMinutes(3)), "a worker did not finish");
            Assert.Equal(0, worker.ExitCode);
            worker.Dispose();
        }

        using (var store = SqliteRunStore.Open(storePath))
        {
            var trials = store.Trials(spec.Name);
            Assert.Equal(8, trials.Count);
            Assert.All(trials, t => Assert.Equal(TrialStatus.Done, t.Status));
            Assert.All(trials, t => Assert.Equal(1, t.Attempts));
            Assert.Equal(2, trials.Select(t => t.Worker).Distinct().Count());
        }
    }
}
