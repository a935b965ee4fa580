using System.Collections.Concurrent;
using Frugal.Storage;
using Frugal.Studies;

namespace Frugal.Tests.Storage;

/// <summary>Leases, heartbeats, attempt limits and completions, the same for every store.</summary>
public sealed class RunStoreLeaseTests
{
    private static readonly StoreOptions ShortLease = new() { Lease = TimeSpan.FromMilliseconds(300), MaxAttempts = 3 };

    private static IRunStore Study(StoreTarget target, StoreOptions options, params string[] keys)
    {
        var store = target.Open(options);
        store.EnsureStudy("s", "{}");
        store.Enqueue("s", keys.Select(k => (k, "{}")));
        return store;
    }

    private static void WaitOut(StoreOptions options) => Thread.Sleep(options.Lease + TimeSpan.FromMilliseconds(150));

    [Theory, SqliteStore, PostgresStore]
    public void A_claim_sets_a_lease_and_a_heartbeat_extends_it(string kind)
    {
        using var target = StoreTarget.Create(kind);
        using var store = Study(target, new StoreOptions { Lease = TimeSpan.FromSeconds(30) }, "a");

        var claimed = store.ClaimNext("s", "w1")!;
        var lease = claimed.LeaseUntil!.Value - claimed.StartedAt!.Value;
        Thread.Sleep(20);
        Assert.True(store.Heartbeat(claimed.Id, "w1"));
        var after = Assert.Single(store.Trials("s"));

        Assert.InRange(lease.TotalSeconds, 29, 31);
        Assert.True(after.LeaseUntil > claimed.LeaseUntil, $"{after.LeaseUntil:O} should be later than {claimed.LeaseUntil:O}");
        Assert.True(after.HeartbeatAt > claimed.HeartbeatAt);
        Assert.False(store.Heartbeat(claimed.Id, "w2"));
    }

    [Theory, SqliteStore, PostgresStore]
    public void An_expired_lease_returns_the_trial_to_the_queue_with_its_attempt_counted(string kind)
    {
        using var target = StoreTarget.Create(kind);
        using var store = Study(target, ShortLease, "a", "b");
        store.ClaimNext("s", "dead");

        WaitOut(ShortLease);
        Assert.Equal(1, store.ExpireLeases("s"));
        Assert.Equal(0, store.ExpireLeases("s"));

        var expired = store.Trials("s")[0];
        Assert.Equal((TrialStatus.Queued, 1, (string?)null), (expired.Status, expired.Attempts, expired.Worker));
        Assert.Equal("attempt 1: the lease of dead expired", expired.Error);
        Assert.Null(expired.LeaseUntil);
    }

    [Theory, SqliteStore, PostgresStore]
    public void Failed_trials_with_attempts_left_go_back_to_the_queue_and_the_others_stay_failed(string kind)
    {
        using var target = StoreTarget.Create(kind);
        using var store = Study(target, new StoreOptions { MaxAttempts = 2 }, "a", "b", "c");
        var once = store.ClaimNext("s", "w")!;
        store.Complete(once.Id, TrialStatus.Failed, null, "ExternalException: boom");
        var done = store.ClaimNext("s", "w")!;
        store.Complete(done.Id, TrialStatus.Done, "{}", null);

        Assert.Equal(1, store.RetryFailed("s"));
        var retried = store.Trials("s").Single(t => t.Key == once.Key);
        Assert.Equal((TrialStatus.Queued, 1, (string?)null), (retried.Status, retried.Attempts, retried.Worker));
        Assert.Equal(TrialStatus.Done, store.Trials("s").Single(t => t.Key == done.Key).Status);

        // Its second attempt fails too: that was the last, so it stays failed.
        var twice = store.ClaimNext("s", "w")!;
        Assert.Equal((once.Key, 2), (twice.Key, twice.Attempts));
        store.Complete(twice.Id, TrialStatus.Failed, null, "ExternalException: boom");
        Assert.Equal(0, store.RetryFailed("s"));
        Assert.Equal(TrialStatus.Failed, store.Trials("s").Single(t => t.Key == once.Key).Status);
    }

    [Theory, SqliteStore, PostgresStore]
    public void A_trial_whose_lease_expired_is_claimed_again_and_a_live_one_is_not(string kind)
    {
        using var target = StoreTarget.Create(kind);
        using var store = Study(target, ShortLease, "a", "b");
        var dead = store.ClaimNext("s", "dead")!;
        var alive = store.ClaimNext("s", "alive")!;

        var deadline = DateTime.UtcNow + ShortLease.Lease + TimeSpan.FromMilliseconds(150);
        while (DateTime.UtcNow < deadline)
        {
            Assert.True(store.Heartbeat(alive.Id, "alive"));
            Thread.Sleep(50);
        }
        var again = store.ClaimNext("s", "w2");

        Assert.NotNull(again);
        Assert.Equal((dead.Key, 2, "w2"), (again.Key, again.Attempts, again.Worker));
        Assert.Null(store.ClaimNext("s", "w2"));
        Assert.False(store.Heartbeat(dead.Id, "dead"));
        Assert.Equal("alive", store.Trials("s").Single(t => t.Key == alive.Key).Worker);
    }

    [Theory, SqliteStore, PostgresStore]
    public void After_the_attempt_limit_an_expired_trial_fails_with_the_last_error(string kind)
    {
        using var target = StoreTarget.Create(kind);
        var options = ShortLease with { MaxAttempts = 2 };
        using var store = Study(target, options, "a");

        Assert.Equal(1, store.ClaimNext("s", "w1")!.Attempts);
        WaitOut(options);
        var second = store.ClaimNext("s", "w2")!;
        Assert.Equal(2, second.Attempts);
        Assert.Equal(0, store.ExpireLeases("s"));
        WaitOut(options);

        Assert.Equal(1, store.ExpireLeases("s"));
        Assert.Null(store.ClaimNext("s", "w3"));
        var failed = Assert.Single(store.Trials("s"));
        Assert.Equal((TrialStatus.Failed, 2), (failed.Status, failed.Attempts));
        Assert.Equal("gave up after 2 attempts; last: the lease of w2 expired", failed.Error);
        Assert.NotNull(failed.FinishedAt);
    }

    [Theory, SqliteStore, PostgresStore]
    public void A_released_trial_is_queued_again_without_using_up_an_attempt(string kind)
    {
        using var target = StoreTarget.Create(kind);
        using var store = Study(target, new StoreOptions(), "a");
        var claimed = store.ClaimNext("s", "w1")!;

        Assert.False(store.Release(claimed.Id, "w2"));
        Assert.True(store.Release(claimed.Id, "w1"));

        var queued = Assert.Single(store.Trials("s"));
        Assert.Equal((TrialStatus.Queued, 0, (string?)null), (queued.Status, queued.Attempts, queued.Worker));
        Assert.Equal(1, store.ClaimNext("s", "w2")!.Attempts);
    }

    [Theory, SqliteStore, PostgresStore]
    public void An_abandoned_trial_is_claimed_again_at_once(string kind)
    {
        using var target = StoreTarget.Create(kind);
        using var store = Study(target, new StoreOptions(), "a");
        var claimed = store.ClaimNext("s", "w1")!;

        Assert.True(store.Abandon(claimed.Id, "w1"));
        var again = store.ClaimNext("s", "w2")!;

        Assert.Equal((claimed.Id, 2), (again.Id, again.Attempts));
    }

    [Theory, SqliteStore, PostgresStore]
    public void A_second_completion_is_a_no_op(string kind)
    {
        using var target = StoreTarget.Create(kind);
        using var store = Study(target, new StoreOptions(), "a");
        var claimed = store.ClaimNext("s", "w1")!;

        store.Complete(claimed.Id, TrialStatus.Done, """{"n":1}""", null);
        store.Complete(claimed.Id, TrialStatus.Failed, """{"n":2}""", "late");

        var done = Assert.Single(store.Trials("s"));
        Assert.Equal((TrialStatus.Done, """{"n":1}""", (string?)null), (done.Status, done.ResultJson, done.Error));
        Assert.Equal(1, target.Count("SELECT COUNT(*) FROM trials"));
        if (kind == "postgresql") Assert.Equal(1, target.Count("SELECT COUNT(*) FROM results"));
    }

    [Theory, SqliteStore, PostgresStore]
    public void A_worker_without_a_study_takes_trials_of_every_study(string kind)
    {
        using var target = StoreTarget.Create(kind);
        using var store = Study(target, new StoreOptions(), "a");
        store.EnsureStudy("t", """{"t":1}""");
        store.Enqueue("t", [("b", "{}")]);

        Assert.Equal(["a", "b"], new[] { store.ClaimNext(null, "w")!.Key, store.ClaimNext(null, "w")!.Key });
        Assert.Null(store.ClaimNext(null, "w"));
        Assert.Equal(["s", "t"], store.Studies());
        Assert.Equal("""{"t":1}""", store.StudySpec("t"));
        Assert.Null(store.StudySpec("nope"));
    }

    [Theory, SqliteStore, PostgresStore]
    public void Series_keep_nan_and_infinities(string kind)
    {
        using var target = StoreTarget.Create(kind);
        using var store = Study(target, new StoreOptions(), "a");
        var claimed = store.ClaimNext("s", "w")!;

        store.AppendSeries(claimed.Id, "loss", [(0, 1.5), (1, double.NaN), (2, double.PositiveInfinity)]);
        store.AppendSeries(claimed.Id, "loss", [(0, 0.5)]);

        Assert.Equal([(0, 0.5), (1, double.NaN), (2, double.PositiveInfinity)], store.Series(claimed.Id, "loss"));
    }

    [Theory, SqliteStore, PostgresStore]
    public void Four_concurrent_workers_claim_every_trial_exactly_once(string kind)
    {
        using var target = StoreTarget.Create(kind);
        using (var setup = Study(target, new StoreOptions(), [.. Enumerable.Range(0, 100).Select(i => $"t{i:D3}")])) { }
        var claims = new ConcurrentBag<long>();
        using var start = new Barrier(4);
        var threads = Enumerable.Range(0, 4).Select(w => new Thread(() =>
        {
            using var store = target.Open();
            start.SignalAndWait(TimeSpan.FromMinutes(1));
            while (store.ClaimNext("s", $"w{w}") is { } trial)
            {
                claims.Add(trial.Id);
                store.Complete(trial.Id, TrialStatus.Done, "{}", null);
                store.Complete(trial.Id, TrialStatus.Done, "{}", null);
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        Assert.Equal(100, claims.Count);
        Assert.Equal(100, claims.Distinct().Count());
        Assert.Equal(100, target.Count("SELECT COUNT(*) FROM trials WHERE status = 'done' AND attempts = 1"));
        if (kind == "postgresql") Assert.Equal(100, target.Count("SELECT COUNT(DISTINCT trial_id) FROM results"));
    }
}
