using System.Collections.Concurrent;
using System.Diagnostics;
using Frugal.Storage;
using Frugal.Studies;
using Xunit.Abstractions;

namespace Frugal.Tests.Storage;

/// <summary>
/// Workers as threads, each with its own SqliteRunStore and so its own connection. SQLite locks per
/// connection, the same way whether the connections are in one process or several, so this exercises
/// the locking that separate worker processes rely on; a multi-process test through the CLI comes later.
/// </summary>
public sealed class SqliteRunStoreConcurrencyTests(ITestOutputHelper output) : IDisposable
{
    private const int Workers = 4;
    private const int TrialCount = 200;
    private readonly StoreFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Four_workers_claim_and_complete_every_trial_exactly_once()
    {
        string path = _folder.File();
        using (var setup = SqliteRunStore.Open(path))
        {
            setup.EnsureStudy("s", "{}");
            Assert.Equal(TrialCount, setup.Enqueue("s", Enumerable.Range(0, TrialCount).Select(i => ($"t{i:D3}", "{}"))));
        }

        var claims = new ConcurrentBag<(long Id, string Worker)>();
        using var start = new Barrier(Workers);
        var clock = new Stopwatch();
        var threads = Enumerable.Range(0, Workers).Select(w => new Thread(() =>
        {
            string worker = $"w{w}";
            using var store = SqliteRunStore.Open(path);
            if (start.SignalAndWait(TimeSpan.FromMinutes(1)) && w == 0)
                clock.Start();
            while (store.ClaimNext("s", worker) is { } trial)
            {
                claims.Add((trial.Id, worker));
                store.Complete(trial.Id, TrialStatus.Done, $$"""{"worker":"{{worker}}"}""", null);
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        clock.Stop();

        output.WriteLine($"{TrialCount} claims + completions by {Workers} workers in {clock.Elapsed.TotalMilliseconds:F0} ms: " +
            $"{TrialCount / clock.Elapsed.TotalSeconds:F0} claims/s; per worker {string.Join(", ", claims.GroupBy(c => c.Worker).OrderBy(g => g.Key).Select(g => $"{g.Key}={g.Count()}"))}");

        Assert.Equal(TrialCount, claims.Count);
        Assert.Equal(TrialCount, claims.Select(c => c.Id).Distinct().Count());
        Assert.Equal((long)TrialCount, StoreFolder.Scalar(path, "SELECT COUNT(*) FROM trials"));
        Assert.Equal((long)TrialCount, StoreFolder.Scalar(path, "SELECT COUNT(*) FROM trials WHERE status = 'done' AND attempts = 1"));
        using var store = SqliteRunStore.Open(path);
        var byId = claims.ToDictionary(c => c.Id, c => c.Worker);
        Assert.All(store.Trials("s"), t =>
        {
            Assert.Equal(byId[t.Id], t.Worker);
            Assert.Equal($$"""{"worker":"{{t.Worker}}"}""", t.ResultJson);
        });
    }
}
