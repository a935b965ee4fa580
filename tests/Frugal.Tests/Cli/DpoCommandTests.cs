using System.Text.Json.Nodes;
using Frugal.Models;
using Frugal.Tests.Alignment;
using Frugal.Tests.Models;
using Frugal.Tests.Text;

namespace Frugal.Tests.Cli;

[Collection(TorchGlobalState.Name)]
public class DpoCommandTests
{
    private static string[] Args(TextFiles files, string data, params string[] extra) =>
        ["dpo", "--model", Path.Combine(files.Root, "model"), "--data", data, "--out", Path.Combine(files.Root, "out"),
            "--batch-size", "4", "--epochs", "1", "--lr", "1e-3", "--threads", "1", .. extra];

    /// <summary>The arguments with each "--option value" in <paramref name="change"/> replacing the one there, or added.</summary>
    private static string[] With(string[] args, params string[] change)
    {
        var list = args.ToList();
        for (var i = 0; i < change.Length; i++)
        {
            var hasValue = i + 1 < change.Length && !change[i + 1].StartsWith("--", StringComparison.Ordinal);
            var at = list.IndexOf(change[i]);
            if (at >= 0 && hasValue) list[at + 1] = change[i + 1];
            else if (at < 0) list.AddRange(hasValue ? [change[i], change[i + 1]] : [change[i]]);
            if (hasValue) i++;
        }
        return [.. list];
    }

    private static (TextFiles Files, string Data) Setup(int pairs = 8)
    {
        var files = new TextFiles();
        DpoFixtures.SaveModel(Path.Combine(files.Root, "model"), 51);
        return (files, DpoFixtures.WriteJsonl(Path.Combine(files.Root, "pairs.jsonl"), DpoFixtures.YesPairs(pairs)));
    }

    private static string OneLine(CliRun run)
    {
        Assert.Equal(2, run.ExitCode);
        return Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Json_ends_stdout_with_the_final_metrics_and_the_directory_is_a_model()
    {
        var (files, data) = Setup();
        using var _ = files;
        var heldOut = DpoFixtures.WriteJsonl(Path.Combine(files.Root, "held-out.jsonl"), DpoFixtures.YesPairs(4, first: 100));
        var run = CliRun.Of([.. Args(files, data, "--eval-data", heldOut, "--min-steps", "3", "--json")]);
        Assert.True(run.ExitCode == 0, run.Error);
        var last = JsonNode.Parse(run.OutLines[^1])!.AsObject();
        Assert.Equal("completed", (string?)last["status"]);
        Assert.Equal(3, (int)last["steps"]!);
        foreach (var name in new[] { "loss", "rewards/accuracies", "rewards/margins", "logps/chosen", "logits/rejected", "learning_rate", "grad_norm", "eval_loss", "eval_rewards/accuracies", "seconds" })
            Assert.True(last.ContainsKey(name), $"no {name} in {last.ToJsonString()}");

        var outDir = Path.Combine(files.Root, "out");
        var state = JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, "trainer_state.json")))!.AsObject();
        Assert.Equal(3, (int)state["global_step"]!);
        Assert.Equal(3, (int)state["max_steps"]!);
        Assert.NotEmpty(state["log_history"]!.AsArray());
        using var trained = ModelDirectory.Load(outDir);
        Assert.Equal(DpoFixtures.ByteGpt(), trained.Config);
        Assert.True(File.Exists(Path.Combine(outDir, "tokenizer.json")));
        Assert.Contains("reference log-probabilities computed", run.Error);

        // The same data again: the reference scores come from the cache next to it.
        var again = CliRun.Of(With(Args(files, data, "--json"), "--out", Path.Combine(files.Root, "out2")));
        Assert.True(again.ExitCode == 0, again.Error);
        Assert.Contains("from the cache", again.Error);
    }

    [Fact]
    public void Without_precomputing_the_reference_runs_every_step_and_no_cache_is_written()
    {
        var (files, data) = Setup();
        using var _ = files;
        var run = CliRun.Of([.. Args(files, data, "--no-precompute-ref", "--json")]);
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.DoesNotContain("reference log-probabilities", run.Error);
        Assert.Empty(Directory.GetFiles(files.Root, "*.ref-*"));
        Assert.Equal("completed", (string?)JsonNode.Parse(run.OutLines[^1])!["status"]);
    }

    [Fact]
    public void Over_length_pairs_are_truncated_counted_and_reported_once()
    {
        var (files, data) = Setup();
        using var _ = files;
        var run = CliRun.Of([.. Args(files, data, "--max-length", "12")]);
        Assert.True(run.ExitCode == 0, run.Error);
        var notes = run.Error.Split('\n').Where(l => l.Contains("truncated")).ToList();
        Assert.Equal("frugal: 8 of 8 pairs were longer than 12 tokens (--max-length) and were truncated (prompt kept from its end, answers from their start)", Assert.Single(notes));
    }

    [Theory]
    [InlineData("{\"prompt\":\"a\",\"chosen\":\"b\",\"rejected\":\"c\"}\n{\"prompt\":\"a\",\"chosen\":", "pairs.jsonl:2: malformed JSON")]
    [InlineData("{\"prompt\":\"a\",\"chosen\":\"b\"}", "pairs.jsonl:1: field 'rejected' is missing")]
    [InlineData("{\"prompt\":\"a\",\"chosen\":\"\",\"rejected\":\"c\"}", "pairs.jsonl:1: field 'chosen' is empty")]
    [InlineData("{\"prompt\":\"a\",\"completion\":\"b\"}", "pairs.jsonl:1: expected preference data")]
    [InlineData("", "pairs.jsonl: holds no records")]
    public void Bad_data_is_one_line_with_exit_code_2(string content, string expected)
    {
        var (files, data) = Setup();
        using var _ = files;
        File.WriteAllText(data, content);
        Assert.Contains(expected, OneLine(CliRun.Of(Args(files, data))));
        Assert.False(Directory.Exists(Path.Combine(files.Root, "out")));
    }

    [Fact]
    public void A_model_directory_with_a_missing_or_mismatched_tensor_is_bad_input()
    {
        var (files, data) = Setup();
        using var _ = files;
        var config = Path.Combine(files.Root, "model", "config.json");
        var original = File.ReadAllText(config);
        File.WriteAllText(config, original.Replace("\"layers\": 2", "\"layers\": 3"));
        Assert.Contains("tensor 'h.2.", OneLine(CliRun.Of(Args(files, data))));
        File.WriteAllText(config, original.Replace("\"dim\": 32", "\"dim\": 16"));
        Assert.Contains("has shape", OneLine(CliRun.Of(Args(files, data))));
    }

    [Fact]
    public void A_reference_with_another_tokenizer_is_bad_input()
    {
        var (files, data) = Setup();
        using var _ = files;
        var reference = DpoFixtures.SaveModel(Path.Combine(files.Root, "ref"), 52, DpoFixtures.ByteGpt() with { VocabSize = 300 });
        var line = OneLine(CliRun.Of([.. Args(files, data), "--ref", reference]));
        Assert.Contains("--ref", line);
        Assert.Contains("must share the model's tokenizer", line);

        var tokenizerFile = Path.Combine(reference, "tokenizer.json");
        var tokenizer = JsonNode.Parse(File.ReadAllText(tokenizerFile))!.AsObject();
        tokenizer["vocab_size"] = 300;
        File.WriteAllText(tokenizerFile, tokenizer.ToJsonString());
        Assert.Contains("tokenizer.json: vocab_size 300", OneLine(CliRun.Of([.. Args(files, data), "--ref", reference])));
    }

    [Fact]
    public void A_bpe_model_trains_with_a_reference_of_the_same_bpe_and_refuses_another()
    {
        using var files = new TextFiles();
        var bpe = Frugal.Text.BpeTrainer.Train(["Yes. No. Answer yes or no, please: is the sky blue? Yes it is."], 280);
        var other = Frugal.Text.BpeTrainer.Train(["Completely different text about other things entirely."], 280);
        var config = DpoFixtures.ByteGpt() with { VocabSize = bpe.VocabSize };
        DpoFixtures.SaveModel(Path.Combine(files.Root, "model"), 51, config, bpe);
        var data = DpoFixtures.WriteJsonl(Path.Combine(files.Root, "pairs.jsonl"), DpoFixtures.YesPairs(8));
        var same = DpoFixtures.SaveModel(Path.Combine(files.Root, "same"), 52, config, bpe);
        var differs = DpoFixtures.SaveModel(Path.Combine(files.Root, "differs"), 52, config, other);

        var line = OneLine(CliRun.Of([.. Args(files, data), "--ref", differs]));
        Assert.Contains("BPE vocabulary or merges differ from --model's", line);
        var run = CliRun.Of([.. Args(files, data), "--ref", same]);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(bpe.Merges, Assert.IsType<Frugal.Text.BpeTokenizer>(Frugal.Text.TokenizerFiles.Read(Path.Combine(files.Root, "out"))).Merges);
    }

    [Fact]
    public void A_non_empty_out_directory_is_left_alone()
    {
        var (files, data) = Setup();
        using var _ = files;
        var outDir = Directory.CreateDirectory(Path.Combine(files.Root, "out")).FullName;
        File.WriteAllText(Path.Combine(outDir, "keep.txt"), "mine");
        Assert.Contains("exists and is not empty", OneLine(CliRun.Of(Args(files, data))));
        Assert.Equal("mine", File.ReadAllText(Path.Combine(outDir, "keep.txt")));
        Assert.Single(Directory.GetFiles(outDir));
    }

    [Theory]
    [InlineData("--loss: unknown DPO loss 'kto'", "--loss", "kto")]
    [InlineData("--beta must be a positive number", "--beta", "0")]
    [InlineData("--label-smoothing 0.1 has no effect on the ipo loss", "--loss", "ipo", "--label-smoothing", "0.1")]
    [InlineData("--batch-size must be positive", "--batch-size", "0")]
    [InlineData("--max-length 100 exceeds the context length 48", "--max-length", "100")]
    public void Bad_options_are_one_line_with_exit_code_2(string expected, params string[] change)
    {
        var (files, data) = Setup();
        using var _ = files;
        Assert.Contains(expected, OneLine(CliRun.Of(With(Args(files, data), change))));
    }
}

public class DpoSettingsTests
{
    [Fact]
    public void Every_loss_kind_name_is_accepted_and_defaults_are_the_papers()
    {
        foreach (var kind in Frugal.Schedules.EnumNames.All<Frugal.Alignment.DpoLossKind>())
        {
            var problems = new List<string>();
            var smoothing = kind == Frugal.Alignment.DpoLossKind.ExoPair ? 1e-3 : (double?)null;
            var config = new Frugal.Cli.Commands.DpoSettings { Model = "m", Data = "d", Out = "o", Loss = Frugal.Schedules.EnumNames.Name(kind), LabelSmoothing = smoothing }.ToConfig(problems);
            Assert.Empty(problems);
            Assert.Equal(kind, config.Loss.Loss);
        }
        var defaults = new Frugal.Cli.Commands.DpoSettings { Model = "m", Data = "d", Out = "o" }.ToConfig([]);
        Assert.Equal(new Frugal.Alignment.DpoConfig(), defaults);
        Assert.Equal((0.1, 0.0, 2.0, 5e-6, 16, 0.1, 0.01, 1.0, true),
            (defaults.Loss.Beta, defaults.Loss.LabelSmoothing, defaults.Epochs, defaults.Lr, defaults.BatchSize, defaults.WarmupRatio, defaults.WeightDecay, defaults.MaxGradNorm, defaults.PrecomputeRef));
    }

    [Fact]
    public void Cosine_with_ten_percent_warmup_over_the_total_steps()
    {
        var config = new Frugal.Alignment.DpoConfig { Epochs = 2, MinSteps = 0, BatchSize = 16 };
        Assert.Equal(7, config.StepsPerEpoch(100));
        Assert.Equal(14, config.TotalSteps(100));
        Assert.Equal(50, (config with { MinSteps = 50 }).TotalSteps(100));
        var schedule = config.ToSchedule(20);
        Assert.Equal(2, schedule.WarmupSteps);
        Assert.Equal(0.5e-6 * 5, schedule.LearningRate(5e-6, 0, 20), 15);
        Assert.Equal(5e-6, schedule.LearningRate(5e-6, 2, 20), 15);
    }
}
