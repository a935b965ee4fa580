using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;
using Frugal.Reports;
using Frugal.Models;
using Frugal.Schedules;
using Frugal.Storage;
using Frugal.Studies;
using Frugal.Training;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Frugal.Cli.Commands;

public sealed class StudyRexSettings : CommandSettings
{
    [CommandOption("--preset <PRESET>")]
    [Description("smoke (~2 min), quick (under an hour on 2 cores), or paper (3 seeds, learning-rate selection).")]
    public string Preset { get; init; } = "smoke";

    [CommandOption("--out <DIR>")]
    [Description("Where the report goes. Default out/rex-PRESET.")]
    public string? Out { get; init; }

    [CommandOption("--store <PATH|URL>")]
    [Description("Run store: a SQLite file or postgresql://user@host:port/db (password from PGPASSWORD or ~/.pgpass); rerunning with the same store skips done trials. Default OUT/study.db.")]
    public string? Store { get; init; }

    [CommandOption("--enqueue-only")]
    [Description("Only fill the store's queue and exit; `frugal worker` processes (on any machine) run the trials.")]
    public bool EnqueueOnly { get; init; }

    [CommandOption("--workers <N>")]
    [Description("Worker processes sharing the store; the cores are split between them. Default 1.")]
    [DefaultValue(1)]
    public int Workers { get; init; } = 1;

    public RexPreset ParsedPreset => EnumNames.TryParse<RexPreset>(Preset, out var p) ? p : default;
    public string OutDirectory => Out ?? Path.Combine("out", $"rex-{ParsedPreset.Name()}");
    public string StorePath => Store ?? Path.Combine(OutDirectory, "study.db");

    public override ValidationResult Validate()
    {
        if (!EnumNames.TryParse<RexPreset>(Preset, out _))
            return ValidationResult.Error($"--preset: unknown preset '{Preset}': expected one of {EnumNames.List<RexPreset>()}");
        if (Workers < 1 || Workers > 64) return ValidationResult.Error($"--workers must be between 1 and 64, got {Workers}");
        return ValidationResult.Success();
    }
}

/// <summary>`frugal study rex`: the REX paper's budget study on Fashion-MNIST, resumable, with a report.</summary>
public sealed class StudyRexCommand(IAnsiConsole console, ErrorOutput error) : Command<StudyRexSettings>
{
    public override int Execute(CommandContext context, StudyRexSettings settings, CancellationToken cancellationToken)
    {
        var spec = RexPresets.For(settings.ParsedPreset);
        var trials = spec.Trials().Select(t => (t.Key, JsonSerializer.Serialize(t.Config, FrugalJson.Options))).ToList();
        if (settings.EnqueueOnly) return StudyLaunch.Enqueue(console, settings.StorePath, spec.Name, JsonSerializer.Serialize(spec, FrugalJson.Options), trials);
        // Fail on bad data before any worker starts.
        foreach (var data in spec.Settings.Where(s => !s.Model.IsLanguageModel()).Select(s => s.Data).Distinct()) Data.DataSource.Parse(data).Load();

        // Opening creates the store, or says in one line why the path can't be one, before any trial runs.
        string storePath;
        using (var opened = RunStores.Open(settings.StorePath)) storePath = opened is SqliteRunStore sqlite ? sqlite.FilePath : settings.StorePath;
        var launch = new StudyLaunch(storePath, spec.Name, settings.Workers, settings.OutDirectory);
        var clock = Stopwatch.StartNew();

        console.WriteLine($"{spec.Name}: {trials.Count} trials, {settings.Workers} worker(s) x {launch.ThreadsPerWorker} thread(s), store {RunStores.Describe(settings.StorePath)}");
        launch.Run(console, error, JsonSerializer.Serialize(spec, FrugalJson.Options), trials,
            trial => RexPresets.Cost(JsonSerializer.Deserialize<TrainConfig>(trial.ConfigJson, FrugalJson.Options)!), cancellationToken);

        var stored = launch.Stored();
        var outcomes = StudyOutcomes.From(stored);
        var reportContext = new RexReportContext(
            $"REX budget study ({settings.ParsedPreset.Name()} preset)",
            ShownCommandLine.Of(context),
            settings.ParsedPreset.Name(),
            spec.Settings.ToDictionary(s => s.Name, s => new RexSettingBudget(s.FullEpochs, s.Justification)),
            clock.Elapsed);
        RexReport.Write(settings.OutDirectory, outcomes, reportContext);

        var failed = stored.Count(t => t.Status == TrialStatus.Failed);
        var diverged = stored.Count(t => t.Status == TrialStatus.Diverged);
        console.WriteLine($"Wrote {Path.Combine(settings.OutDirectory, RexReport.MarkdownFile)} and {RexReport.HtmlFile}: " +
            $"{outcomes.Count} trials reported ({diverged} diverged, {failed} failed) in {clock.Elapsed.TotalMinutes:0.0} min.");
        return StudyLaunch.Failures(error, stored);
    }
}
