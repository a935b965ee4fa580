using System.Text.Json;
using Frugal.Models;
using Frugal.Reports;
using Frugal.Schedules;
using Frugal.Storage;
using Frugal.Studies;
using Frugal.Tests.Models;
using Frugal.Training;

namespace Frugal.Tests.Studies;

/// <summary>The REX study's GPT setting end to end: store, worker, outcomes, report; on a corpus of 200 short documents.</summary>
[Collection(TorchGlobalState.Name)]
public sealed class GptStudyTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("frugal-gpt-study-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly StudySetting TinyGpt = new("generated:200:7", ModelKind.Gpt, 1, "toy")
    {
        BatchSize = 64,
        GptSize = GptPreset.Tiny,
        Context = 16,
    };

    private static RexStudySpec Spec(params ProfileKind[] schedules) => new()
    {
        Name = "gpt-tiny",
        Settings = [TinyGpt],
        Optimizers = [OptimizerKind.Adam],
        Schedules = schedules,
        Budgets = [1],
    };

    private IReadOnlyList<StoredTrial> RunStudy(RexStudySpec spec, string name)
    {
        var storePath = Path.Combine(_dir, name + ".db");
        using (var store = SqliteRunStore.Open(storePath))
        {
            store.EnsureStudy(spec.Name, "{}");
            store.Enqueue(spec.Name, spec.Trials().Select(t => (t.Key, JsonSerializer.Serialize(t.Config, FrugalJson.Options))));
        }
        using (var store = SqliteRunStore.Open(storePath))
            new StudyWorker(store, spec.Name, "test", Path.Combine(_dir, name + "-ckpt"), threads: 1).Run();
        using (var store = SqliteRunStore.Open(storePath)) return store.Trials(spec.Name);
    }

    [Fact]
    public void A_gpt_trial_through_the_worker_is_done_with_a_finite_loss_per_token()
    {
        var trial = Assert.Single(RunStudy(Spec(ProfileKind.Rex), "one"));
        Assert.Equal(TrialStatus.Done, trial.Status);
        var outcome = Assert.Single(StudyOutcomes.From([trial]));
        Assert.Equal("generated:200:7/gpt", outcome.Setting);
        Assert.Equal("test loss (nats/token)", outcome.MetricName);
        Assert.NotNull(outcome.Metric);
        // A byte-level model that learned nothing scores ln(265) = 5.58 nats/token; a few steps already do better.
        Assert.InRange(outcome.Metric!.Value, 0.5, Math.Log(265));
        Assert.True(outcome.Steps > 3, $"{outcome.Steps} steps");
    }

    [Fact]
    public void Same_seed_gives_the_same_metric_another_seed_another()
    {
        var spec = Spec(ProfileKind.Rex) with { Seeds = [0, 1] };
        var first = StudyOutcomes.From(RunStudy(spec, "a")).OrderBy(o => o.Seed).ToList();
        var second = StudyOutcomes.From(RunStudy(spec, "b")).OrderBy(o => o.Seed).ToList();
        Assert.Equal(first.Select(o => o.Metric), second.Select(o => o.Metric));
        Assert.NotEqual(first[0].Metric, first[1].Metric);
    }

    [Fact]
    public void Plateau_is_judged_on_the_validation_loss_and_a_study_with_gpt_renders_its_report()
    {
        var spec = Spec(ProfileKind.Rex, ProfileKind.Plateau) with
        {
            Settings = [TinyGpt with { FullEpochs = 3 }],
            Budgets = [0.5, 1],
        };
        var trials = RunStudy(spec, "report");
        Assert.All(trials, t => Assert.Equal(TrialStatus.Done, t.Status));
        var plateau = JsonSerializer.Deserialize<TrainResult>(trials.Single(t => t.Key.Contains("|plateau|") && t.Key.Contains("budget=1|")).ResultJson!, FrugalJson.Options)!;
        Assert.Equal(3, plateau.History.Count);
        Assert.All(plateau.History, e => Assert.True(double.IsFinite(e.ValLoss)));

        var outcomes = StudyOutcomes.From(trials);
        var context = new RexReportContext("gpt study", "test", "test",
            spec.Settings.ToDictionary(s => s.Name, s => new RexSettingBudget(s.FullEpochs, s.Justification)), TimeSpan.FromSeconds(1));
        RexReport.Write(Path.Combine(_dir, "out"), outcomes, context);
        var markdown = File.ReadAllText(Path.Combine(_dir, "out", "report.md"));
        Assert.Contains("generated:200:7/gpt", markdown);
        Assert.Contains("test loss (nats/token)", markdown);
        var csv = File.ReadAllLines(Path.Combine(_dir, "out", "results.csv"));
        Assert.Equal(5, csv.Length);   // header + 2 schedules x 2 budgets
    }

    [Fact]
    public void Resuming_a_gpt_trial_from_its_checkpoint_gives_the_numbers_of_an_uninterrupted_run()
    {
        var (_, config) = (Spec(ProfileKind.Cosine) with { Optimizers = [OptimizerKind.Sgdm] }).Trials().Single();
        var uninterrupted = StudyWorker.Train(config, new RunOptions());

        var directory = Path.Combine(_dir, "ckpt");
        using var stop = new CancellationTokenSource();
        var stopAt = uninterrupted.Steps / 2 + 2;
        var progress = new SynchronousProgress(p => { if (p.Step == stopAt) stop.Cancel(); });
        Assert.Throws<OperationCanceledException>(() => StudyWorker.Train(config,
            new RunOptions { CheckpointDirectory = directory, CheckpointEvery = 3, Progress = progress, Cancellation = stop.Token }));
        var resumed = StudyWorker.Train(config, new RunOptions { CheckpointDirectory = directory, Resume = true });
        Assert.Equal(uninterrupted.TestLoss, resumed.TestLoss);
        Assert.Equal(uninterrupted.History.Select(h => (h.TrainLoss, h.ValLoss, h.Lr)), resumed.History.Select(h => (h.TrainLoss, h.ValLoss, h.Lr)));
    }

    [Fact]
    public void A_malformed_corpus_name_is_bad_input() =>
        Assert.Contains("generated:DOCS:SEED", Assert.Throws<BadInputException>(() => GeneratedCorpus.Parse("generated:lots")).Message);

    private sealed class SynchronousProgress(Action<TrainProgress> report) : IProgress<TrainProgress>
    {
        public void Report(TrainProgress value) => report(value);
    }
}

public sealed class RexPresetGptTests
{
    [Theory]
    [InlineData(RexPreset.Quick)]
    [InlineData(RexPreset.Paper)]
    public void Quick_and_paper_cover_the_transformer_with_its_measured_justification(RexPreset preset)
    {
        var spec = RexPresets.For(preset);
        Assert.Contains(RexPresets.Gpt, spec.Settings);
        var (_, config) = spec.Trials().First(t => t.Config.Model == ModelKind.Gpt);
        Assert.Equal((32, GptPreset.Tiny, 64), (config.BatchSize, config.GptSize, config.Context));
        Assert.Equal(64, config.GptModel(265).ContextLength);
        Assert.Contains("s on 1 thread", RexPresets.Gpt.Justification);
    }

    [Fact]
    public void Image_trial_configs_are_saved_as_before_without_gpt_fields()
    {
        var (_, config) = RexPresets.For(RexPreset.Quick).Trials().First();
        var json = JsonSerializer.Serialize(config, FrugalJson.Options);
        Assert.DoesNotContain("GptSize", json);
        Assert.DoesNotContain("Context", json);
    }
}
