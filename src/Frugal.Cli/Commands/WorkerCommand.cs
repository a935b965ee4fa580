using System.ComponentModel;
using System.Diagnostics;
using Frugal.Storage;
using Frugal.Studies;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Frugal.Cli.Commands;

public sealed class WorkerSettings : CommandSettings
{
    [CommandOption("--store <PATH>")]
    [Description("The run store to take trials from (required).")]
    public string? Store { get; init; }

    [CommandOption("--study <NAME>")]
    [Description("The study whose trials to run (required).")]
    public string? Study { get; init; }

    [CommandOption("--max-trials <N>")]
    public int? MaxTrials { get; init; }

    [CommandOption("--threads <T>")]
    [Description("libtorch threads for this worker. Default: all cores.")]
    public int? Threads { get; init; }

    [CommandOption("--checkpoints <DIR>")]
    [Description("Where trials checkpoint, so a trial cut short resumes. Default: next to the store.")]
    public string? Checkpoints { get; init; }

    public override ValidationResult Validate() =>
        Store is null ? ValidationResult.Error("--store PATH is required")
        : Study is null ? ValidationResult.Error("--study NAME is required")
        : MaxTrials is < 1 ? ValidationResult.Error($"--max-trials must be positive, got {MaxTrials}")
        : Threads is < 0 ? ValidationResult.Error($"--threads must be >= 0, got {Threads}")
        : ValidationResult.Success();
}

/// <summary>`frugal worker`: runs queued trials of a study until none is left, then exits 0.</summary>
public sealed class WorkerCommand(IAnsiConsole console) : Command<WorkerSettings>
{
    public override int Execute(CommandContext context, WorkerSettings settings, CancellationToken cancellationToken)
    {
        var storePath = Path.GetFullPath(settings.Store!);
        if (!File.Exists(storePath)) throw new BadInputException($"--store {settings.Store}: no such store; create it with `frugal study ...`");
        var checkpoints = settings.Checkpoints ?? Path.Combine(Path.GetDirectoryName(storePath)!, "checkpoints");
        using var store = SqliteRunStore.Open(storePath);
        var name = $"{Environment.MachineName}:{Environment.ProcessId}";
        var ran = new StudyWorker(store, settings.Study!, name, checkpoints, settings.Threads ?? 0)
            .Run(settings.MaxTrials ?? int.MaxValue, cancellationToken);
        console.WriteLine($"worker {name}: ran {ran} trial(s) of {settings.Study}");
        return FrugalApp.Success;
    }
}

/// <summary>How the study command starts its worker processes: this same program, with the worker command.</summary>
internal static class WorkerProcess
{
    public static ProcessStartInfo StartInfo(string storePath, string study, int threads, string checkpoints)
    {
        var info = new ProcessStartInfo(Environment.ProcessPath!) { UseShellExecute = false };
        // Under `dotnet Frugal.Cli.dll`, the host is dotnet and the program is the dll.
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
            info.ArgumentList.Add(typeof(WorkerProcess).Assembly.Location);
        foreach (var arg in new[] { "worker", "--store", storePath, "--study", study, "--threads", threads.ToString(), "--checkpoints", checkpoints })
            info.ArgumentList.Add(arg);
        return info;
    }
}
