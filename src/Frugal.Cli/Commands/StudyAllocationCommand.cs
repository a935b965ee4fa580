using System.Diagnostics;
using System.Text.Json;
using Frugal.Reports;
using Frugal.Schedules;
using Frugal.Storage;
using Frugal.Studies;
using Frugal.Studies.Allocation;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Frugal.Cli.Commands;

/// <summary>
/// `frugal study allocation`: the Balancing-the-Budget study. Trains (or finds in the cache) the base model, writes
/// the tasks' data, queues one trial per cell and seed plus a base-model trial per task, runs them on the REX
/// study's store and workers (resumable), and writes the report.
/// </summary>
public sealed class StudyAllocationCommand(IAnsiConsole console, ErrorOutput error) : Command<StudyAllocationSettings>
{
    public override int Execute(CommandContext context, StudyAllocationSettings settings, CancellationToken cancellationToken)
    {
        var spec = settings.Spec();
        var clock = Stopwatch.StartNew();
        string storePath;
        using (var opened = RunStores.Open(settings.StorePath)) storePath = opened is SqliteRunStore sqlite ? sqlite.FilePath : settings.StorePath;

        // Data first: a bad file is reported in seconds, before an hour of pretraining.
        var data = AllocationDataFiles.Prepare(spec, Path.Combine(settings.OutDirectory, "data"));
        var baseModel = spec.BaseModel is { } given ? BaseModel(given) : Path.GetFullPath(spec.Base.Ensure(settings.Cache, error.Writer.WriteLine,
            entry => { if (!entry.IsEval && entry.Step % 250 == 0) error.Writer.WriteLine($"base model: step {entry.Step}, loss {entry["loss"]:0.0000}"); },
            cancellationToken));
        var trials = spec.Trials(baseModel, data).Select(t => (t.Key, JsonSerializer.Serialize(t, FrugalJson.Options))).ToList();
        var specJson = JsonSerializer.Serialize(spec, FrugalJson.Options);

        if (settings.EnqueueOnly) return StudyLaunch.Enqueue(console, storePath, spec.Name, specJson, trials);

        var launch = new StudyLaunch(storePath, spec.Name, settings.Workers, settings.OutDirectory);
        console.WriteLine($"{spec.Name}: {trials.Count} trials ({spec.TaskList}; budgets {string.Join(",", spec.Budgets)}; ratios {string.Join(",", spec.Ratios)}; " +
            $"{spec.Seeds} seed(s)), base {Path.GetFileName(baseModel)}, {settings.Workers} worker(s) x {launch.ThreadsPerWorker} thread(s), store {RunStores.Describe(settings.StorePath)}");
        launch.Run(console, error, specJson, trials,
            trial => spec.Cost(JsonSerializer.Deserialize<AllocationTrialConfig>(trial.ConfigJson, FrugalJson.Options)!), cancellationToken);

        var stored = launch.Stored();
        var report = AllocationReport.Write(settings.OutDirectory, spec, AllocationStudyResults.Read(storePath, spec.Name),
            new AllocationReportContext(ShownCommandLine.Of(context), settings.ParsedPreset.Name(), clock.Elapsed));
        console.WriteLine($"Wrote {report}: {stored.Count} trials ({stored.Count(t => t.Status == TrialStatus.Diverged)} diverged, " +
            $"{stored.Count(t => t.Status == TrialStatus.Failed)} failed) in {clock.Elapsed.TotalMinutes:0.0} min.");
        return StudyLaunch.Failures(error, stored);
    }

    /// <summary>A model directory the user gave: loaded once here, so a wrong one fails in one line before any trial.</summary>
    private static string BaseModel(string directory)
    {
        using var model = Evaluation.LanguageModel.Load(directory);
        return Path.GetFullPath(directory);
    }
}
