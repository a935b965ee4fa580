using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Frugal.Storage;
using Frugal.Studies;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Frugal.Cli.Commands;

public sealed class WorkerSettings : CommandSettings
{
    [CommandOption("--store <PATH|URL>")]
    [Description("The run store to take trials from: a SQLite file or postgresql://user@host:port/db. Default: $FRUGAL_STORE.")]
    public string? Store { get; init; }

    [CommandOption("--study <NAME>")]
    [Description("The study whose trials to run. Default: trials of every study in the store.")]
    public string? Study { get; init; }

    [CommandOption("--max-trials <N>")]
    public int? MaxTrials { get; init; }

    [CommandOption("--threads <T>")]
    [Description("libtorch threads for this worker. Default: all cores.")]
    public int? Threads { get; init; }

    [CommandOption("--checkpoints <DIR>")]
    [Description("Where trials checkpoint, so a trial cut short resumes; share it between machines to resume on another. Default: next to a SQLite store; none for PostgreSQL.")]
    public string? Checkpoints { get; init; }

    [CommandOption("--lease <SECONDS>")]
    [Description("How long a claimed trial stays this worker's without a heartbeat (heartbeats come 6 times a lease). Default 30.")]
    public double Lease { get; init; } = 30;

    [CommandOption("--max-attempts <N>")]
    [Description("A trial whose worker died this many times is marked failed. Default 3.")]
    public int MaxAttempts { get; init; } = 3;

    /// <summary>--store, else $FRUGAL_STORE (how cluster jobs pass it, and how `study rex --workers` keeps a URL out of ps).</summary>
    public string? Location => Store ?? NonEmpty(Environment.GetEnvironmentVariable(RunStores.EnvironmentVariable));

    public StoreOptions StoreOptions => new() { Lease = TimeSpan.FromSeconds(Lease), MaxAttempts = MaxAttempts };

    public override ValidationResult Validate()
    {
        if (Location is null) return ValidationResult.Error($"--store PATH|URL is required (or set {RunStores.EnvironmentVariable})");
        if (MaxTrials is < 1) return ValidationResult.Error($"--max-trials must be positive, got {MaxTrials}");
        if (Threads is < 0) return ValidationResult.Error($"--threads must be >= 0, got {Threads}");
        if (!double.IsFinite(Lease) || Lease < 0.3 || Lease > 86400) return ValidationResult.Error($"--lease must be at least 0.3 s and at most a day, got {Lease}");
        if (MaxAttempts < 1) return ValidationResult.Error($"--max-attempts must be at least 1, got {MaxAttempts}");
        return ValidationResult.Success();
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}

/// <summary>
/// `frugal worker`: runs queued trials until none is left, queued or running elsewhere, then exits 0.
/// SIGTERM or SIGINT: the trial in hand goes back to the queue (its checkpoint stays), and the exit code is
/// 128 + the signal, as shells report it, so a scheduler sees the worker was stopped, not finished.
/// </summary>
public sealed class WorkerCommand(IAnsiConsole console, ErrorOutput error) : Command<WorkerSettings>
{
    public override int Execute(CommandContext context, WorkerSettings settings, CancellationToken cancellationToken)
    {
        var location = settings.Location!;
        string? checkpoints = settings.Checkpoints;
        if (!RunStores.IsUrl(location))
        {
            var storePath = Path.GetFullPath(location);
            if (!File.Exists(storePath)) throw new BadInputException($"--store {location}: no such store; create it with `frugal study ...`");
            checkpoints ??= Path.Combine(Path.GetDirectoryName(storePath)!, "checkpoints");
        }

        using var store = RunStores.Open(location, settings.StoreOptions);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        int? signal = null;
        void Stop(PosixSignalContext c, int number)
        {
            c.Cancel = true;   // exit through the normal path, after the trial is given back
            signal ??= number;
            stop.Cancel();
        }
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => Stop(c, 15));
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => Stop(c, 2));

        var name = WorkerName.ThisProcess;
        var scope = settings.Study ?? "every study";
        error.Writer.WriteLine($"worker {name}: taking trials of {scope} from {store.Location}");
        var worker = new StudyWorker(store, settings.Study, name, checkpoints, settings.Threads ?? 0);
        var ran = worker.Run(settings.MaxTrials ?? int.MaxValue, stop.Token);
        console.WriteLine($"worker {name}: ran {ran} trial(s) of {scope}");
        if (worker.Released is { } released)
            error.Writer.WriteLine($"worker {name}: stopped; trial {released.Key} went back to the queue");
        return signal is { } s ? 128 + s : FrugalApp.Success;
    }
}

/// <summary>How the study command starts its worker processes: this same program, with the worker command.</summary>
internal static class WorkerProcess
{
    public static ProcessStartInfo StartInfo(string storeLocation, string study, int threads, string checkpoints)
    {
        var info = new ProcessStartInfo(Environment.ProcessPath!) { UseShellExecute = false };
        // Under `dotnet Frugal.Cli.dll`, the host is dotnet and the program is the dll.
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
            info.ArgumentList.Add(typeof(WorkerProcess).Assembly.Location);
        // The store goes through the environment: a URL may hold a password, and arguments are visible to ps.
        info.Environment[RunStores.EnvironmentVariable] = storeLocation;
        foreach (var arg in new[] { "worker", "--study", study, "--threads", threads.ToString(CultureInfo.InvariantCulture), "--checkpoints", checkpoints })
            info.ArgumentList.Add(arg);
        return info;
    }
}
