using System.ComponentModel;
using System.Text.Json;
using Frugal.Reports;
using Frugal.Schedules;
using Frugal.Storage;
using Frugal.Studies;
using Frugal.Studies.Allocation;
using Frugal.Training;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Frugal.Cli.Commands;

public sealed class StudyReportSettings : CommandSettings
{
    [CommandOption("--store <PATH|URL>")]
    [Description("The run store: a SQLite file or postgresql://user@host:port/db (required, or set FRUGAL_STORE).")]
    public string? Store { get; init; }

    [CommandOption("--study <NAME>")]
    [Description("The study to report (required).")]
    public string? Study { get; init; }

    [CommandOption("--out <DIR>")]
    [Description("Where the report goes (required).")]
    public string? Out { get; init; }

    public override ValidationResult Validate() =>
        new StudyStoreSettings { Store = Store }.Validate() is { Successful: false } bad ? bad
        : Study is null ? ValidationResult.Error("--study NAME is required")
        : Out is null ? ValidationResult.Error("--out DIR is required")
        : ValidationResult.Success();
}

/// <summary>`frugal study report`: the REX or allocation report from whatever trials of a study are finished, while workers may still run.</summary>
public sealed class StudyReportCommand(IAnsiConsole console) : Command<StudyReportSettings>
{
    public override int Execute(CommandContext context, StudyReportSettings settings, CancellationToken cancellationToken)
    {
        using var store = new StudyStoreSettings { Store = settings.Store }.OpenExisting();
        var study = settings.Study!;
        if (store.StudySpec(study) is not { } specJson)
            throw new BadInputException($"--study {study}: no such study in {store.Location}");
        var trials = store.Trials(study);
        if (trials.Count > 0 && AllocationTrials.Is(trials[0].ConfigJson)) return AllocationReportFrom(context, settings, store, study, specJson);
        var outcomes = StudyOutcomes.From(trials);
        var reportContext = new RexReportContext(
            $"REX budget study {study} ({outcomes.Count} of {trials.Count} trials finished)",
            ShownCommandLine.Of(context),
            study.StartsWith("rex-", StringComparison.Ordinal) ? study["rex-".Length..] : study,
            Settings(specJson, trials),
            TimeSpan.Zero);
        RexReport.Write(settings.Out!, outcomes, reportContext);
        var status = StudyStatus.Of(study, trials);
        console.WriteLine($"Wrote {Path.Combine(settings.Out!, RexReport.MarkdownFile)} and {RexReport.HtmlFile}: {outcomes.Count} trials reported; " +
            $"{status.Count(TrialStatus.Running)} running and {status.Count(TrialStatus.Queued)} queued not in it.");
        return FrugalApp.Success;
    }

    private int AllocationReportFrom(CommandContext context, StudyReportSettings settings, IRunStore store, string study, string specJson)
    {
        var spec = JsonSerializer.Deserialize<AllocationStudySpec>(specJson, FrugalJson.Options)
            ?? throw new BadInputException($"--study {study}: its spec in {store.Location} is empty");
        var records = AllocationStudyResults.Read(store, study);
        var preset = study.StartsWith("allocation-", StringComparison.Ordinal) ? study["allocation-".Length..] : study;
        var path = AllocationReport.Write(settings.Out!, spec, records, new AllocationReportContext(ShownCommandLine.Of(context), preset, TimeSpan.Zero));
        var finished = records.Count(r => r.Result is not null);
        console.WriteLine($"Wrote {path}: {finished} of {records.Count} trials reported.");
        return FrugalApp.Success;
    }

    // The spec's settings carry the reasons for each 100% budget; a study queued by other code may have a
    // different spec, so fall back to the trials' own configurations.
    private static Dictionary<string, RexSettingBudget> Settings(string specJson, IReadOnlyList<StoredTrial> trials)
    {
        try
        {
            if (JsonSerializer.Deserialize<RexStudySpec>(specJson, FrugalJson.Options) is { Settings: { Count: > 0 } settings })
                return settings.ToDictionary(s => s.Name, s => new RexSettingBudget(s.FullEpochs, s.Justification));
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
        {
            // Not a REX spec: the trials below still say what each setting's full budget was.
        }
        return trials
            .Select(t => JsonSerializer.Deserialize<TrainConfig>(t.ConfigJson, FrugalJson.Options)!)
            .GroupBy(c => $"{c.Data}/{c.Model.Name()}")
            .ToDictionary(g => g.Key, g => new RexSettingBudget(g.First().FullEpochs, "from the trials' configurations"));
    }
}
