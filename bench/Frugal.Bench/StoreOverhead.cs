using System.Diagnostics;
using System.Globalization;
using Frugal.Storage;
using Frugal.Studies;

namespace Frugal.Bench;

/// <summary>
/// What the run store costs a trial, without any training: enqueue, claim (with lease expiry), one heartbeat,
/// the three per-epoch series of a 10-epoch trial, and the completion, by one worker; mean ms per trial.
/// </summary>
public static class StoreOverhead
{
    public static int Run(string[] args)
    {
        var location = args.Length > 0 ? args[0] : Path.Combine(Path.GetTempPath(), $"frugal-bench-{Guid.NewGuid():N}.db");
        var trials = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 300;
        using var store = RunStores.Open(location);
        var study = $"overhead-{Guid.NewGuid():N}";
        store.EnsureStudy(study, "{}");
        var series = Enumerable.Range(1, 10).Select(e => (e * 4, 1.0 / e)).ToArray();

        var clock = Stopwatch.StartNew();
        store.Enqueue(study, Enumerable.Range(0, trials).Select(i => ($"t{i:D5}", """{"model":"mlp"}""")));
        var enqueue = clock.Elapsed;
        clock.Restart();
        while (store.ClaimNext(study, "bench:1") is { } trial)
        {
            store.Heartbeat(trial.Id, "bench:1");
            foreach (var name in new[] { "val_loss", "train_loss", "lr" }) store.AppendSeries(trial.Id, name, series);
            store.Complete(trial.Id, TrialStatus.Done, """{"test_error":10.5,"steps":40}""", null);
        }
        var work = clock.Elapsed;
        var perTrial = FormattableString.Invariant($"enqueue {enqueue.TotalMilliseconds / trials:F3} ms/trial; claim + heartbeat + 3 series + complete {work.TotalMilliseconds / trials:F2} ms/trial");
        Console.WriteLine($"{RunStores.Describe(location)}: {trials} trials; {perTrial}");
        if (!RunStores.IsUrl(location)) File.Delete(location);
        return 0;
    }
}
