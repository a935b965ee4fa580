using Frugal.Storage;
using Frugal.Studies;
using Xunit.Abstractions;

namespace Frugal.Tests.Storage;

public sealed class SqliteRunStoreTests : IDisposable
{
    private readonly StoreFolder _folder = new();
    private readonly SqliteRunStore _store;
    private readonly ITestOutputHelper _output;

    public SqliteRunStoreTests(ITestOutputHelper output)
    {
        _output = output;
        _store = SqliteRunStore.Open(_folder.File());
        _store.EnsureStudy("s", "{}");
    }

    public void Dispose()
    {
        _store.Dispose();
        _folder.Dispose();
    }

    private static IEnumerable<(string Key, string ConfigJson)> Keys(params string[] keys) =>
        keys.Select(k => (k, $$"""{"key":"{{k}}"}"""));

    [Fact]
    public void Enqueue_adds_only_new_keys_and_returns_how_many()
    {
        Assert.Equal(3, _store.Enqueue("s", Keys("a", "b", "c")));
        Assert.Equal(1, _store.Enqueue("s", Keys("b", "d", "d")));
        Assert.Equal(0, _store.Enqueue("s", Keys("a", "b", "c", "d")));

        var trials = _store.Trials("s");
        Assert.Equal(["a", "b", "c", "d"], trials.Select(t => t.Key));
        Assert.All(trials, t => Assert.Equal(TrialStatus.Queued, t.Status));
        Assert.All(trials, t => Assert.Equal(0, t.Attempts));
    }

    [Fact]
    public void Enqueue_leaves_a_done_trial_done()
    {
        _store.Enqueue("s", Keys("a"));
        var a = _store.ClaimNext("s", "w")!;
        _store.Complete(a.Id, TrialStatus.Done, "{}", null);

        Assert.Equal(0, _store.Enqueue("s", [("a", """{"changed":true}""")]));

        var stored = Assert.Single(_store.Trials("s"));
        Assert.Equal(TrialStatus.Done, stored.Status);
        Assert.Equal("""{"key":"a"}""", stored.ConfigJson);
    }

    [Fact]
    public void Enqueue_into_a_study_not_ensured_throws()
    {
        var e = Assert.Throws<InvalidOperationException>(() => _store.Enqueue("nope", Keys("a")));
        Assert.Contains("EnsureStudy", e.Message);
        Assert.Empty(_store.Trials("nope"));
    }

    [Fact]
    public void EnsureStudy_keeps_an_existing_study_and_its_trials()
    {
        _store.Enqueue("s", Keys("a"));

        _store.EnsureStudy("s", """{"other":1}""");

        Assert.Single(_store.Trials("s"));
        Assert.Equal("{}", StoreFolder.Scalar(_store.FilePath, "SELECT spec_json FROM studies WHERE name = 's'"));
    }

    [Fact]
    public void ClaimNext_takes_the_lowest_id_queued_trial_of_the_study_then_null()
    {
        _store.EnsureStudy("other", "{}");
        _store.Enqueue("other", Keys("x"));
        _store.Enqueue("s", Keys("c", "a", "b"));

        var first = _store.ClaimNext("s", "w1")!;
        var second = _store.ClaimNext("s", "w2")!;
        var third = _store.ClaimNext("s", "w1")!;

        Assert.Equal(["c", "a", "b"], new[] { first.Key, second.Key, third.Key });
        Assert.True(first.Id < second.Id && second.Id < third.Id);
        Assert.Equal(("s", TrialStatus.Running, 1, "w2"), (second.Study, second.Status, second.Attempts, second.Worker));
        Assert.Equal("""{"key":"a"}""", second.ConfigJson);
        Assert.Null(_store.ClaimNext("s", "w1"));
        Assert.Equal(TrialStatus.Queued, Assert.Single(_store.Trials("other")).Status);
        Assert.Equal(3L, StoreFolder.Scalar(_store.FilePath, "SELECT COUNT(*) FROM trials WHERE started_at IS NOT NULL"));
    }

    [Fact]
    public void ClaimNext_on_an_empty_study_returns_null()
    {
        Assert.Null(_store.ClaimNext("s", "w"));
        Assert.Null(_store.ClaimNext("never-made", "w"));
    }

    [Fact]
    public void Complete_records_the_first_completion_and_ignores_a_second()
    {
        _store.Enqueue("s", Keys("a"));
        var a = _store.ClaimNext("s", "w")!;

        _store.Complete(a.Id, TrialStatus.Diverged, """{"steps":12}""", "loss is NaN at step 12");
        _store.Complete(a.Id, TrialStatus.Done, """{"metric":1}""", null);

        var stored = Assert.Single(_store.Trials("s"));
        Assert.Equal(TrialStatus.Diverged, stored.Status);
        Assert.Equal("""{"steps":12}""", stored.ResultJson);
        Assert.Equal("loss is NaN at step 12", stored.Error);
        Assert.Equal(1, stored.Attempts);
        Assert.Equal(1L, StoreFolder.Scalar(_store.FilePath, "SELECT COUNT(*) FROM trials"));
        Assert.Equal(1L, StoreFolder.Scalar(_store.FilePath, "SELECT COUNT(*) FROM trials WHERE finished_at IS NOT NULL"));
    }

    [Fact]
    public void Complete_of_a_queued_trial_changes_nothing()
    {
        _store.Enqueue("s", Keys("a"));
        long id = _store.Trials("s")[0].Id;

        _store.Complete(id, TrialStatus.Done, "{}", null);

        var stored = Assert.Single(_store.Trials("s"));
        Assert.Equal(TrialStatus.Queued, stored.Status);
        Assert.Null(stored.ResultJson);
    }

    [Theory]
    [InlineData(TrialStatus.Queued)]
    [InlineData(TrialStatus.Running)]
    public void Complete_refuses_a_status_that_is_not_an_end(TrialStatus status)
    {
        _store.Enqueue("s", Keys("a"));
        var a = _store.ClaimNext("s", "w")!;

        Assert.Throws<ArgumentOutOfRangeException>(() => _store.Complete(a.Id, status, null, null));
        Assert.Equal(TrialStatus.Running, _store.Trials("s")[0].Status);
    }

    [Fact]
    public void Series_round_trips_in_step_order_per_name()
    {
        _store.Enqueue("s", Keys("a", "b"));
        var a = _store.ClaimNext("s", "w")!;
        var b = _store.ClaimNext("s", "w")!;
        var points = Enumerable.Range(0, 1000).Select(i => (Step: 999 - i, Value: Math.Sin(999 - i) / 3)).ToArray();

        _store.AppendSeries(a.Id, "loss", points);
        _store.AppendSeries(a.Id, "loss", [(1000, double.NaN), (1001, double.PositiveInfinity)]);
        _store.AppendSeries(a.Id, "lr", [(0, 0.1)]);
        _store.AppendSeries(b.Id, "loss", [(0, 7.0)]);

        var loss = _store.Series(a.Id, "loss");
        Assert.Equal(points.OrderBy(p => p.Step).Append((1000, double.NaN)).Append((1001, double.PositiveInfinity)), loss);
        Assert.Equal([(0, 0.1)], _store.Series(a.Id, "lr"));
        Assert.Equal([(0, 7.0)], _store.Series(b.Id, "loss"));
        Assert.Empty(_store.Series(a.Id, "accuracy"));
    }

    [Fact]
    public void Series_step_recorded_again_replaces_the_value()
    {
        _store.Enqueue("s", Keys("a"));
        var a = _store.ClaimNext("s", "w")!;

        _store.AppendSeries(a.Id, "loss", [(0, 3.0), (1, 2.0)]);
        _store.AppendSeries(a.Id, "loss", [(1, 2.5), (2, 1.5)]);

        Assert.Equal([(0, 3.0), (1, 2.5), (2, 1.5)], _store.Series(a.Id, "loss"));
    }

    [Fact]
    public void Trials_lists_every_trial_with_each_status_stored_as_lowercase_text()
    {
        _store.Enqueue("s", Keys("done", "diverged", "failed", "running", "queued"));
        foreach (var status in new[] { TrialStatus.Done, TrialStatus.Diverged, TrialStatus.Failed })
            _store.Complete(_store.ClaimNext("s", "w")!.Id, status, null, status == TrialStatus.Failed ? "out of memory" : null);
        _store.ClaimNext("s", "w");

        var trials = _store.Trials("s");

        Assert.Equal(Enum.GetValues<TrialStatus>().Order(), trials.Select(t => t.Status).Order());
        Assert.All(trials, t => Assert.Equal(t.Key, t.Status.ToString().ToLowerInvariant()));
        Assert.Equal("out of memory", trials.Single(t => t.Status == TrialStatus.Failed).Error);
        Assert.Equal(
            "done,diverged,failed,running,queued",
            StoreFolder.Scalar(_store.FilePath, "SELECT group_concat(status, ',') FROM (SELECT status FROM trials ORDER BY id)"));
    }

    [Fact]
    public void Bundled_sqlite_has_UPDATE_RETURNING()
    {
        using var connection = StoreFolder.Connect(_store.FilePath);
        string version = connection.ServerVersion;
        _output.WriteLine($"bundled SQLite {version}");

        // UPDATE ... RETURNING, which ClaimNext relies on, arrived in SQLite 3.35.
        Assert.True(Version.Parse(version) >= new Version(3, 35), $"SQLite {version} is older than 3.35");
    }
}
