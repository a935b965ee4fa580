using System.Diagnostics;
using System.Text.Json;
using Frugal.Models;
using Frugal.Schedules;
using Frugal.Storage;
using Frugal.Studies;
using Frugal.Tests.Cli;
using Frugal.Tests.Data;
using Frugal.Tests.Storage;
using Frugal.Tests.Training;
using Frugal.Training;
using Xunit.Abstractions;

namespace Frugal.Tests.Studies;

/// <summary>
/// Worker processes against one store, as on a cluster: one is SIGKILLed mid-trial, and its trial must run
/// again elsewhere once its lease runs out, with every trial done exactly once and no result lost.
/// </summary>
public sealed class WorkerFleetTests(ITestOutputHelper output)
{
    private const string Study = "fleet";

    // 5 schedules x 6 budgets = 30 trials of a tiny MLP (at most 20 epochs of 3 steps): a fraction of a second each.
    private static RexStudySpec Spec(string dataDirectory) => new()
    {
        Name = Study,
        Settings = [new StudySetting($"mnist:{dataDirectory}", ModelKind.Mlp, 20, "toy")],
        Optimizers = [OptimizerKind.Sgdm],
        Schedules = [ProfileKind.Rex, ProfileKind.Linear, ProfileKind.Cosine, ProfileKind.Step, ProfileKind.Exponential],
        Budgets = [0.2, 0.4, 0.6, 0.8, 0.9, 1],
    };

    [Theory, SqliteStore, PostgresStore]
    public async Task A_worker_killed_mid_trial_loses_its_lease_and_its_trial_runs_again_elsewhere(string kind)
    {
        int workers = kind == "sqlite" ? 2 : 3;
        using var files = new IdxFiles();
        TinyImages.WriteDirectory(files, 400, 50);
        using var target = StoreTarget.Create(kind);
        var spec = Spec(files.Directory);
        using (var store = target.Open())
        {
            store.EnsureStudy(Study, JsonSerializer.Serialize(spec, FrugalJson.Options));
            Assert.Equal(30, store.Enqueue(Study, spec.Trials().Select(t => (t.Key, JsonSerializer.Serialize(t.Config, FrugalJson.Options)))));
        }
        var checkpoints = Path.Combine(files.Directory, "shared-checkpoints");
        var clock = Stopwatch.StartNew();
        string[] args = ["worker", "--store", target.Location, "--study", Study, "--threads", "1", "--lease", "3", "--checkpoints", checkpoints];
        // The victim starts first and the others once it holds a trial, so it can't find the queue empty.
        var fleet = new List<Process> { CliProcess.Start(args) };
        try
        {
            WaitUntilHolding(target, fleet[0]);
            fleet.AddRange(Enumerable.Range(1, workers - 1).Select(_ => CliProcess.Start(args)));
            var stdout = fleet.Select(p => p.StandardOutput.ReadToEndAsync()).ToList();
            var stderr = fleet.Select(p => p.StandardError.ReadToEndAsync()).ToList();
            var victim = fleet[0];
            var killed = KillMidTrial(target, victim);
            output.WriteLine($"killed {WorkerName.Of(Environment.MachineName, victim.Id)} in trial {killed.Key} after {clock.Elapsed.TotalSeconds:F1} s");

            foreach (var worker in fleet.Skip(1))
                Assert.True(worker.WaitForExit(TimeSpan.FromSeconds(90)), "a worker did not finish");
            var outs = await Task.WhenAll(stdout);
            var errors = await Task.WhenAll(stderr);
            foreach (var (worker, i) in fleet.Select((w, i) => (w, i)).Skip(1))
                Assert.True(worker.ExitCode == 0, $"worker exited {worker.ExitCode}: {errors[i]}");
            output.WriteLine($"{workers} workers, 30 trials in {clock.Elapsed.TotalSeconds:F1} s");

            using var store = target.Open();
            var trials = store.Trials(Study);
            Assert.Equal(30, trials.Count);
            Assert.All(trials, t => Assert.Equal(TrialStatus.Done, t.Status));
            Assert.All(trials, t => Assert.NotNull(t.ResultJson));
            Assert.All(trials, t => Assert.NotEmpty(store.Series(t.Id, "val_loss")));
            Assert.Equal(30, target.Count("SELECT COUNT(*) FROM trials WHERE status = 'done'"));
            Assert.Equal(30, target.Count("SELECT COUNT(DISTINCT key) FROM trials"));
            if (kind == "postgresql")
            {
                Assert.Equal(30, target.Count("SELECT COUNT(*) FROM results"));
                Assert.Equal(30, target.Count("SELECT COUNT(DISTINCT trial_id) FROM results"));
            }

            var again = trials.Single(t => t.Id == killed.Id);
            Assert.Equal(2, again.Attempts);
            Assert.NotEqual(killed.Worker, again.Worker);
            Assert.All(trials.Where(t => t.Id != killed.Id), t => Assert.Equal(1, t.Attempts));
            var status = CliRun.Of("study", "status", "--store", target.Location, "--study", Study);
            Assert.Contains($"{Study}: 30 trials: 0 queued, 0 running, 30 done, 0 diverged, 0 failed; eta 00:00:00", status.Out.Replace("\n", ""));
            var report = Path.Combine(files.Directory, "report");
            Assert.Equal(0, CliRun.Of("study", "report", "--store", target.Location, "--study", Study, "--out", report).ExitCode);
            Assert.True(File.Exists(Path.Combine(report, "report.md")));
            var ran = outs.Skip(1).Select(o => int.Parse(o.Split(" ran ")[1].Split(' ')[0])).Sum();
            Assert.Equal(30 - trials.Count(t => t.Worker == killed.Worker), ran);
        }
        finally
        {
            foreach (var worker in fleet.Where(p => !p.HasExited)) worker.Kill();
            foreach (var worker in fleet) worker.Dispose();
        }
    }

    private static void WaitUntilHolding(StoreTarget target, Process worker)
    {
        var name = WorkerName.Of(Environment.MachineName, worker.Id);
        using var store = target.Open();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!store.Trials(Study).Any(t => t.Worker == name))
        {
            Assert.False(worker.HasExited, "the first worker exited before taking a trial");
            Assert.True(DateTime.UtcNow < deadline, "the first worker took no trial within a minute");
            Thread.Sleep(20);
        }
    }

    /// <summary>
    /// Freezes the worker (SIGSTOP) when it holds a trial and kills it (SIGKILL) while frozen, so the store is
    /// known to show it mid-trial at the moment of the kill; a worker between trials is let go and tried again.
    /// </summary>
    private static StoredTrial KillMidTrial(StoreTarget target, Process victim)
    {
        var name = WorkerName.Of(Environment.MachineName, victim.Id);
        using var store = target.Open();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline && !victim.HasExited)
        {
            if (store.Trials(Study).Any(t => t.Status == TrialStatus.Running && t.Worker == name))
            {
                Signals.Send(victim.Id, Signals.SIGSTOP);
                if (store.Trials(Study).FirstOrDefault(t => t.Status == TrialStatus.Running && t.Worker == name) is { } held)
                {
                    Signals.Send(victim.Id, Signals.SIGKILL);
                    victim.WaitForExit();
                    return held;
                }
                Signals.Send(victim.Id, Signals.SIGCONT);
            }
            Thread.Sleep(20);
        }
        throw new InvalidOperationException("the worker never held a trial that could be killed");
    }

    [Fact]
    public async Task A_worker_stopped_with_sigterm_gives_its_trial_back_and_exits_143()
    {
        using var files = new IdxFiles();
        TinyImages.WriteDirectory(files, 400, 50);
        using var target = StoreTarget.Create("sqlite");
        var config = new TrainConfig
        {
            Data = $"mnist:{files.Directory}",
            Model = ModelKind.Mlp,
            Optimizer = OptimizerKind.Sgdm,
            Schedule = ProfileKind.Rex,
            Lr = 0.1,
            Budget = 1,
            FullEpochs = 5000,
            BatchSize = 16,
        };
        using (var store = target.Open())
        {
            store.EnsureStudy(Study, "{}");
            store.Enqueue(Study, [("long", JsonSerializer.Serialize(config, FrugalJson.Options))]);
        }
        using var worker = CliProcess.Start("worker", "--store", target.Location, "--study", Study, "--threads", "1");
        var stderr = worker.StandardError.ReadToEndAsync();
        using (var store = target.Open())
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (store.Trials(Study)[0].Status != TrialStatus.Running && DateTime.UtcNow < deadline) Thread.Sleep(20);
            Thread.Sleep(500);   // into the training loop
        }

        Signals.Send(worker.Id, Signals.SIGTERM);

        Assert.True(worker.WaitForExit(TimeSpan.FromSeconds(30)), "the worker did not stop on SIGTERM");
        Assert.Equal(143, worker.ExitCode);
        Assert.Contains("trial long went back to the queue", await stderr);
        using var after = target.Open();
        var trial = Assert.Single(after.Trials(Study));
        Assert.Equal((TrialStatus.Queued, 0, (string?)null), (trial.Status, trial.Attempts, trial.Worker));
    }
}
