using System.ComponentModel;
using System.Globalization;
using Frugal.Schedules;
using Frugal.Storage;
using Frugal.Studies;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Frugal.Cli.Commands;

public sealed class StudyStoreSettings : CommandSettings
{
    [CommandOption("--store <PATH|URL>")]
    [Description("The run store: a SQLite file or postgresql://user@host:port/db (required, or set FRUGAL_STORE).")]
    public string? Store { get; init; }

    [CommandOption("--study <NAME>")]
    [Description("The study. Default: every study in the store.")]
    public string? Study { get; init; }

    public string? Location => Store ?? (Environment.GetEnvironmentVariable(RunStores.EnvironmentVariable) is { Length: > 0 } env ? env : null);

    public override ValidationResult Validate() =>
        Location is null ? ValidationResult.Error($"--store PATH|URL is required (or set {RunStores.EnvironmentVariable})") : ValidationResult.Success();

    /// <summary>Opens an existing store: a status or report never creates a SQLite file by a typo.</summary>
    public IRunStore OpenExisting()
    {
        var location = Location!;
        if (!RunStores.IsUrl(location) && !File.Exists(location))
            throw new BadInputException($"--store {location}: no such store");
        return RunStores.Open(location);
    }
}

/// <summary>`frugal study status`: trials by status, the workers running them with their last heartbeat, and an ETA.</summary>
public sealed class StudyStatusCommand(IAnsiConsole console) : Command<StudyStoreSettings>
{
    public override int Execute(CommandContext context, StudyStoreSettings settings, CancellationToken cancellationToken)
    {
        using var store = settings.OpenExisting();
        var studies = store.Studies();
        if (settings.Study is { } only && !studies.Contains(only))
            throw new BadInputException($"--study {only}: no such study in {store.Location}; it has {(studies.Count == 0 ? "none" : string.Join(", ", studies))}");
        var now = DateTimeOffset.UtcNow;
        console.WriteLine($"store {store.Location}");
        foreach (var name in settings.Study is null ? studies : [settings.Study])
        {
            var status = StudyStatus.Of(name, store.Trials(name));
            var counts = string.Join(", ", Enum.GetValues<TrialStatus>().Select(s => $"{status.Count(s)} {s.Name()}"));
            var eta = status.Eta is { } e ? $"eta {e:hh\\:mm\\:ss}" : "eta unknown (no trial done yet)";
            console.WriteLine($"{name}: {status.Total} trials: {counts}; {eta}");
            foreach (var w in status.Running)
            {
                var beat = w.HeartbeatAt is { } h ? $"last heartbeat {Seconds(now - h)} s ago" : "no heartbeat";
                var lease = w.LeaseUntil is { } l ? $"lease {(l > now ? $"ends in {Seconds(l - now)} s" : "expired")}" : "no lease";
                console.WriteLine($"  {w.Worker}: {w.TrialKey} (attempt {w.Attempt}), {beat}, {lease}");
            }
        }
        return FrugalApp.Success;
    }

    private static string Seconds(TimeSpan span) => Math.Max(0, span.TotalSeconds).ToString("0.0", CultureInfo.InvariantCulture);
}
