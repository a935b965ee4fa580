using Frugal.Storage;
using Frugal.Studies;
using Frugal.Tests.Cli;
using Frugal.Tests.Storage;

namespace Frugal.Tests.Studies;

public class StudyStatusTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static StoredTrial Trial(int id, TrialStatus status, string? worker = null, double seconds = 0) =>
        new(id, "s", $"k{id}", "{}", status, null, 1, worker, null)
        {
            StartedAt = status == TrialStatus.Queued ? null : T0,
            FinishedAt = status is TrialStatus.Done or TrialStatus.Diverged or TrialStatus.Failed ? T0.AddSeconds(seconds) : null,
            HeartbeatAt = status == TrialStatus.Running ? T0.AddSeconds(1) : null,
        };

    [Fact]
    public void Eta_is_the_mean_trial_time_times_trials_left_over_running_workers()
    {
        var status = StudyStatus.Of("s",
        [
            Trial(1, TrialStatus.Done, "a", seconds: 10),
            Trial(2, TrialStatus.Done, "b", seconds: 30),
            Trial(3, TrialStatus.Failed, "b", seconds: 1000),   // a failure's time says nothing about the others'
            Trial(4, TrialStatus.Running, "a"),
            Trial(5, TrialStatus.Running, "b"),
            Trial(6, TrialStatus.Queued),
            Trial(7, TrialStatus.Queued),
        ]);

        Assert.Equal(7, status.Total);
        Assert.Equal((2, 1, 2, 2), (status.Count(TrialStatus.Done), status.Count(TrialStatus.Failed), status.Count(TrialStatus.Running), status.Count(TrialStatus.Queued)));
        Assert.Equal(TimeSpan.FromSeconds(20 * 4 / 2.0), status.Eta);
        Assert.Equal(["a", "b"], status.Running.Select(r => r.Worker));
        Assert.Equal(T0.AddSeconds(1), status.Running[0].HeartbeatAt);
    }

    [Fact]
    public void Eta_is_unknown_before_any_trial_is_done_and_zero_when_none_is_left()
    {
        Assert.Null(StudyStatus.Of("s", [Trial(1, TrialStatus.Queued)]).Eta);
        Assert.Equal(TimeSpan.Zero, StudyStatus.Of("s", [Trial(1, TrialStatus.Done, "a", 5)]).Eta);
    }

    [Fact]
    public void Enqueue_only_fills_the_queue_and_status_shows_it()
    {
        using var folder = new StoreFolder();
        var store = folder.File();

        var enqueue = CliRun.Of("study", "rex", "--preset", "smoke", "--store", store, "--enqueue-only");
        var again = CliRun.Of("study", "rex", "--preset", "smoke", "--store", store, "--enqueue-only");
        var status = CliRun.Of("study", "status", "--store", store);
        // The console wraps long lines at 80 columns.
        string Unwrapped(CliRun run) => run.Out.Replace("\n", "");

        Assert.Equal(0, enqueue.ExitCode);
        Assert.Contains("rex-smoke: queued 12 new trial(s) (12 in the grid)", Unwrapped(enqueue));
        Assert.Contains("rex-smoke: queued 0 new trial(s)", Unwrapped(again));
        Assert.Equal(0, status.ExitCode);
        Assert.Contains("rex-smoke: 12 trials: 12 queued, 0 running, 0 done, 0 diverged, 0 failed; eta unknown", Unwrapped(status));
        Assert.False(Directory.Exists(Path.Combine(folder.Root, "checkpoints")), "enqueueing runs nothing");
    }

    [Fact]
    public void Status_of_an_unknown_study_names_the_ones_there()
    {
        using var folder = new StoreFolder();
        var store = folder.File();
        CliRun.Of("study", "rex", "--preset", "smoke", "--store", store, "--enqueue-only");

        var run = CliRun.Of("study", "status", "--store", store, "--study", "nope");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--study nope: no such study", run.Error);
        Assert.Contains("rex-smoke", run.Error);
    }
}
