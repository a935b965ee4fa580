using System.Text.Json;
using Frugal.Models;
using Frugal.Schedules;
using Frugal.Tests.Models;
using Frugal.Training;

namespace Frugal.Tests.Training;

[Collection(TorchGlobalState.Name)]
public class PretrainerTests
{
    private static PretrainConfig Tiny(string corpus) => new()
    {
        Corpus = [corpus],
        Preset = GptPreset.Tiny,
        Context = 32,
        BatchSize = 8,
        Lr = 3e-3,
        FullSteps = 40,
        LoggingSteps = 10,
        EvalEvery = 20,
        CheckpointEvery = 10,
        Seed = 3,
    };

    [Fact]
    public void Loss_falls_on_a_repetitive_corpus_within_forty_steps()
    {
        using var files = new LmFiles();
        var result = Pretrainer.Run(Pretrainer.Prepare(Tiny(files.RepetitiveCorpus()) with { Lr = 1e-2 }), files.PathOf("out"));
        var logs = result.Run.LogHistory.Where(e => !e.IsEval).ToList();
        var (first, last) = (logs[0]["loss"]!.Value, logs[^1]["loss"]!.Value);
        Assert.InRange(first, 2.5, 6.5);   // ln 265 = 5.6 at the start, averaged over the first ten steps
        Assert.True(last < 0.5 * first, $"loss {first} -> {last}");
        Assert.True(result.ValidationLoss < 1.6, $"validation loss {result.ValidationLoss}");   // 1.36 measured; ln 263 = 5.57 untrained
        Assert.Equal(Math.Exp(result.ValidationLoss!.Value), result.ValidationPerplexity!.Value, 9);
    }

    [Fact]
    public void Trainer_state_json_has_hugging_face_shape_and_trl_metric_names()
    {
        using var files = new LmFiles();
        var output = files.PathOf("out");
        var plan = Pretrainer.Prepare(Tiny(files.Corpus(400)));
        Assert.True(plan.Training.StepsPerEpoch > 40, "every batch of the run must be full for the token count below");
        Pretrainer.Run(plan, output);

        using var json = JsonDocument.Parse(File.ReadAllText(TrainerStateFile.PathIn(output)));
        var root = json.RootElement;
        Assert.Equal(40, root.GetProperty("global_step").GetInt32());
        Assert.Equal(40, root.GetProperty("max_steps").GetInt32());
        Assert.Equal(10, root.GetProperty("logging_steps").GetInt32());
        Assert.Equal(8, root.GetProperty("train_batch_size").GetInt32());
        var history = root.GetProperty("log_history").EnumerateArray().ToList();
        var train = history.Where(e => e.TryGetProperty("loss", out _)).ToList();
        var eval = history.Where(e => e.TryGetProperty("eval_loss", out _)).ToList();
        Assert.Equal([10, 20, 30, 40], train.Select(e => e.GetProperty("step").GetInt32()));
        Assert.Equal([20, 40], eval.Select(e => e.GetProperty("step").GetInt32()));
        foreach (var entry in train)
        {
            foreach (var name in new[] { "epoch", "loss", "mean_token_accuracy", "num_tokens", "learning_rate", "grad_norm" })
                Assert.True(entry.TryGetProperty(name, out _), $"log entry lacks {name}");
            // Every block is context + 1 ids and every batch is full here: num_tokens counts them all, cumulatively.
            var step = entry.GetProperty("step").GetInt32();
            Assert.Equal(step * 8 * 33L, entry.GetProperty("num_tokens").GetInt64());
            Assert.InRange(entry.GetProperty("mean_token_accuracy").GetDouble(), 0, 1);
        }
        Assert.Equal(Math.Exp(eval[^1].GetProperty("eval_loss").GetDouble()), eval[^1].GetProperty("eval_perplexity").GetDouble(), 9);
        // The logged rate is the one the step used: REX after a ceil(0.02 x 40) = 1 step warmup.
        var schedule = plan.Training.ToSchedule();
        Assert.Equal(schedule.LearningRate(3e-3, 9, 40), train[0].GetProperty("learning_rate").GetDouble(), 12);
        Assert.True(File.Exists(Path.Combine(output, ModelDirectory.WeightsFile)));
        Assert.True(File.Exists(Path.Combine(output, "tokenizer.json")));
        using var model = ModelDirectory.Load(output);
        Assert.Equal(32, model.Config.ContextLength);
    }

    [Fact]
    public void A_run_stopped_midway_and_resumed_logs_the_same_numbers_as_an_uninterrupted_one()
    {
        using var files = new LmFiles();
        var plan = Pretrainer.Prepare(Tiny(files.Corpus(120)));
        var whole = Pretrainer.Run(plan, files.PathOf("whole"));

        using var stop = new CancellationTokenSource();
        var cut = files.PathOf("cut");
        Assert.ThrowsAny<OperationCanceledException>(() => Pretrainer.Run(plan, cut, onLog: e =>
        {
            if (e.Step == 20 && !e.IsEval) stop.Cancel();
        }, cancellation: stop.Token));
        var resumed = Pretrainer.Run(plan, cut, resume: true);

        Assert.Equal(Json(whole.Run.LogHistory), Json(resumed.Run.LogHistory));
        Assert.Equal(whole.ValidationLoss, resumed.ValidationLoss);
        Assert.Equal(whole.Run.NumTokens, resumed.Run.NumTokens);
    }

    [Fact]
    public void The_budget_is_a_fraction_of_the_full_steps_rounded_up()
    {
        using var files = new LmFiles();
        var plan = Pretrainer.Prepare(Tiny(files.Corpus(120)) with { Budget = 0.33 });
        Assert.Equal(14, plan.Training.TotalSteps);   // ceil(0.33 x 40)
        Assert.Equal(ProfileKind.Rex, plan.Training.Schedule);
    }

    private static string Json(IEnumerable<LmLogEntry> entries) => string.Join("\n", entries.Select(e => e.ToJson().ToJsonString()));
}
