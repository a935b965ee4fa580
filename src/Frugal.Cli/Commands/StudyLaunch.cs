using Frugal.Storage;
using Frugal.Studies;
using Spectre.Console;

namespace Frugal.Cli.Commands;

/// <summary>
/// What `study rex` and `study allocation` share once their grid is known: where trials checkpoint, how the cores
/// are split between workers, running the queue with a live view, and naming failed trials at the end.
/// </summary>
internal sealed record StudyLaunch(string StorePath, string Study, int Workers, string OutDirectory)
{
    /// <summary>Next to a SQLite store, so a rerun finds them; under the output directory for a server's store.</summary>
    public string Checkpoints => RunStores.IsUrl(StorePath)
        ? Path.GetFullPath(Path.Combine(OutDirectory, "checkpoints"))
        : Path.Combine(Path.GetDirectoryName(StorePath)!, "checkpoints");

    public int ThreadsPerWorker => Math.Max(1, Environment.ProcessorCount / Workers);

    /// <summary>Queues the grid and works it; a live bar in a terminal, plain lines every few seconds in logs (CI), where a bar would be noise.</summary>
    public void Run(IAnsiConsole console, ErrorOutput error, string specJson, IReadOnlyList<(string Key, string ConfigJson)> trials,
        Func<StoredTrial, double> trialCost, CancellationToken cancellation)
    {
        var runner = new StudyRunner(() => RunStores.Open(StorePath), Study);
        void Run(IProgress<StudyProgress> progress) => runner.Run(
            specJson,
            trials,
            Workers,
            _ => WorkerProcess.StartInfo(StorePath, Study, ThreadsPerWorker, Checkpoints),
            () => new StudyWorker(RunStores.Open(StorePath), Study, WorkerName.ThisProcess, Checkpoints, ThreadsPerWorker),
            trialCost,
            progress,
            cancellation);
        if (console.Profile.Capabilities.Interactive && !Console.IsErrorRedirected)
            console.Progress().AutoClear(false).Start(ctx => Run(new StudyProgressBar(ctx.AddTask(Study, maxValue: trials.Count))));
        else
            Run(new StudyProgressLine(error.Writer, Study));
    }

    /// <summary>Fills the store's queue for `frugal worker` processes on any machine, and says how to run them.</summary>
    public static int Enqueue(IAnsiConsole console, string storeLocation, string study, string specJson, IReadOnlyList<(string Key, string ConfigJson)> trials)
    {
        using var store = RunStores.Open(storeLocation);
        store.EnsureStudy(study, specJson);
        var added = store.Enqueue(study, trials);
        console.WriteLine($"{study}: queued {added} new trial(s) ({trials.Count} in the grid) in {store.Location}; " +
            $"run them with `frugal worker --store STORE --study {study}`");
        return FrugalApp.Success;
    }

    /// <summary>The study's trials as stored now.</summary>
    public IReadOnlyList<StoredTrial> Stored()
    {
        using var store = RunStores.Open(StorePath);
        return store.Trials(Study);
    }

    /// <summary>Names the first failed trials on stderr; the exit code says whether any failed.</summary>
    public static int Failures(ErrorOutput error, IReadOnlyList<StoredTrial> stored)
    {
        foreach (var trial in stored.Where(t => t.Status == TrialStatus.Failed).Take(5))
            error.Writer.WriteLine($"frugal: trial {trial.Key} failed: {trial.Error}");
        return stored.Any(t => t.Status == TrialStatus.Failed) ? FrugalApp.RunFailed : FrugalApp.Success;
    }
}
