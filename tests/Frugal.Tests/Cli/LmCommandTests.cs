using System.Text.Json;
using Frugal.Tests.Models;
using Frugal.Tests.Training;

namespace Frugal.Tests.Cli;

[Collection(TorchGlobalState.Name)]
public class LmCommandTests
{
    private static string[] Pretrain(string corpus, string output) =>
        ["lm", "pretrain", "--corpus", corpus, "--out", output, "--preset", "tiny", "--context", "32", "--batch-size", "4", "--full-steps", "6", "--threads", "1"];

    private static string OneLine(CliRun run)
    {
        Assert.Equal(2, run.ExitCode);
        return Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Missing_corpus_file_is_named()
    {
        using var files = new LmFiles();
        var missing = files.PathOf("nope.txt");
        Assert.Contains($"--corpus {missing}: not found", OneLine(CliRun.Of(Pretrain(missing, files.PathOf("out")))));
        Assert.False(Directory.Exists(files.PathOf("out")));
    }

    [Fact]
    public void Empty_corpus_says_it_holds_no_documents()
    {
        using var files = new LmFiles();
        var empty = files.Write("empty.txt", "\n\n  \n");
        Assert.Contains("holds no documents", OneLine(CliRun.Of(Pretrain(empty, files.PathOf("out")))));
    }

    [Fact]
    public void A_bad_jsonl_line_is_named_by_number()
    {
        using var files = new LmFiles();
        var corpus = files.Write("corpus.jsonl", """{"text":"one"}""" + "\n" + """{"text":"two"}""" + "\n{not json\n");
        Assert.Contains($"{corpus}:3: malformed JSON", OneLine(CliRun.Of(Pretrain(corpus, files.PathOf("out")))));
    }

    [Fact]
    public void A_non_empty_out_is_refused_without_overwrite_and_left_alone()
    {
        using var files = new LmFiles();
        var output = files.PathOf("out");
        Directory.CreateDirectory(output);
        var keep = Path.Combine(output, "keep.txt");
        File.WriteAllText(keep, "mine");
        Assert.Contains("not empty", OneLine(CliRun.Of(Pretrain(files.Corpus(60), output))));
        Assert.Equal(["keep.txt"], Directory.GetFiles(output).Select(f => Path.GetFileName(f)));
        Assert.Contains("holds no checkpoint.bin", OneLine(CliRun.Of([.. Pretrain(files.Corpus(60, name: "c2.txt"), output), "--resume"])));
    }

    [Theory]
    [InlineData("--preset: unknown GPT preset 'huge'", "--preset", "huge")]
    [InlineData("--budget must be a fraction in (0, 1]", "--budget", "2")]
    [InlineData("--schedule: unknown profile 'warm'", "--schedule", "warm")]
    [InlineData("--schedule plateau needs a validation metric", "--schedule", "plateau")]
    [InlineData("--context must be positive", "--context", "0")]
    [InlineData("--val-fraction must be in (0, 1)", "--val-fraction", "1")]
    [InlineData("--tokenizer: 'wordpiece', expected byte or bpe:N", "--tokenizer", "wordpiece")]
    [InlineData("--tokenizer: 'bpe:x', expected byte or bpe:N", "--tokenizer", "bpe:x")]
    [InlineData("--tokenizer bpe:N: N must be in 257..65536", "--tokenizer", "bpe:256")]
    public void Bad_pretrain_options_are_one_line(string expected, string option, string value)
    {
        using var files = new LmFiles();
        var args = Pretrain(files.Corpus(30), files.PathOf("out")).ToList();
        var at = args.IndexOf(option);
        if (at >= 0) args[at + 1] = value;
        else args.AddRange([option, value]);
        Assert.Contains(expected, OneLine(CliRun.Of([.. args])));
    }

    [Fact]
    public void Pretrain_json_reports_validation_loss_perplexity_and_tokens_per_second()
    {
        using var files = new LmFiles();
        var output = files.PathOf("out");
        var run = CliRun.Of([.. Pretrain(files.Corpus(60), output), "--json", "--logging-steps", "2"]);
        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.OutLines[^1]);
        var root = json.RootElement;
        Assert.Equal("done", root.GetProperty("status").GetString());
        Assert.Equal(6, root.GetProperty("steps").GetInt32());
        var valLoss = root.GetProperty("val_loss").GetDouble();
        Assert.Equal(Math.Exp(valLoss), root.GetProperty("val_perplexity").GetDouble(), 6);
        Assert.True(root.GetProperty("train_tokens_per_second").GetDouble() > 0);
        Assert.Equal(3, run.Error.Split('\n').Count(l => l.Contains("): loss ")));   // steps 2, 4, 6
        Assert.True(File.Exists(Path.Combine(output, "model.safetensors")));
    }

    [Fact]
    public void Pretrain_with_a_bpe_tokenizer_writes_a_model_generate_loads()
    {
        using var files = new LmFiles();
        var output = files.PathOf("out");
        var run = CliRun.Of([.. Pretrain(files.Corpus(60), output), "--tokenizer", "bpe:300", "--full-steps", "2"]);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("bpe tokenizer of 307 ids", run.Error);
        var tokenizer = Assert.IsType<Frugal.Text.BpeTokenizer>(Frugal.Text.TokenizerFiles.Read(output, "bpe"));
        Assert.Equal(300, tokenizer.LearnedSize);
        using (var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "config.json"))))
            Assert.Equal(307, config.RootElement.GetProperty("vocab_size").GetInt32());

        var generated = CliRun.Of("generate", "--model", output, "--prompt", "The", "--max-tokens", "5");
        Assert.Equal(0, generated.ExitCode);
        Assert.Equal("", generated.Error);
        using var model = Frugal.Evaluation.LanguageModel.Load(output);
        Assert.Same(model.Tokenizer.GetType(), tokenizer.GetType());
        var expected = model.Complete(new Frugal.Text.Passage.Plain("The"), new Frugal.Evaluation.SamplingOptions { MaxNewTokens = 5 }).Text;
        Assert.Equal(expected + "\n", generated.Out.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Corpus_command_is_deterministic_and_refuses_to_overwrite()
    {
        using var files = new LmFiles();
        var (a, b) = (files.PathOf("a.txt"), files.PathOf("b.txt"));
        Assert.Equal(0, CliRun.Of("lm", "corpus", "--docs", "50", "--seed", "3", "--out", a).ExitCode);
        Assert.Equal(0, CliRun.Of("lm", "corpus", "--docs", "50", "--seed", "3", "--out", b).ExitCode);
        Assert.Equal(File.ReadAllText(a), File.ReadAllText(b));
        Assert.Equal(50, Frugal.Training.PretrainCorpus.Read(a).Count);
        Assert.Contains("already exists", OneLine(CliRun.Of("lm", "corpus", "--docs", "5", "--out", a)));
        Assert.Contains("--kinds: unknown generator 'poems'", OneLine(CliRun.Of("lm", "corpus", "--docs", "5", "--out", files.PathOf("c.txt"), "--kinds", "facts,poems")));
    }

    [Fact]
    public void Sft_bad_input_is_one_line()
    {
        using var files = new LmFiles();
        var model = files.TinyModel();
        var data = files.Write("d.jsonl", """{"prompt":"a","completion":"b"}""" + "\n" + """{"prompt":"a"}""" + "\n");
        Assert.Contains($"{data}:2: field 'completion' is missing",
            OneLine(CliRun.Of("sft", "--model", model, "--data", data, "--out", files.PathOf("o"))));
        Assert.Contains("is the --model directory", OneLine(CliRun.Of("sft", "--model", model, "--data", data, "--out", model, "--overwrite")));
        Assert.Contains("config.json: not found", OneLine(CliRun.Of("sft", "--model", files.PathOf("none"), "--data", data, "--out", files.PathOf("o"))));
        Assert.Contains("--loss-on: unknown choice 'prompt'", OneLine(CliRun.Of("sft", "--model", model, "--data", data, "--out", files.PathOf("o"), "--loss-on", "prompt")));
        Assert.Contains("--max-length 100 exceeds the model's context length 64",
            OneLine(CliRun.Of("sft", "--model", model, "--data", files.Write("ok.jsonl", """{"prompt":"a","completion":"b"}""" + "\n"), "--out", files.PathOf("o"), "--max-length", "100")));
    }

    [Fact]
    public void Sft_reports_truncation_once_and_ends_with_json()
    {
        using var files = new LmFiles();
        var model = files.TinyModel();
        var lines = Enumerable.Range(0, 6).Select(i => $$"""{"prompt":"{{new string('p', 30 + i)}}","completion":"answer {{i}}"}""");
        var data = files.Write("d.jsonl", string.Join("\n", lines) + "\n");
        var run = CliRun.Of("sft", "--model", model, "--data", data, "--out", files.PathOf("o"), "--max-length", "20", "--batch-size", "4", "--threads", "1", "--json");
        Assert.Equal(0, run.ExitCode);
        Assert.Single(run.Error.Split('\n'), l => l.Contains("truncated"));
        Assert.Contains("sft: 6 of 6 examples were longer than --max-length 20", run.Error);
        using var json = JsonDocument.Parse(run.OutLines[^1]);
        var root = json.RootElement;
        Assert.Equal(4, root.GetProperty("steps").GetInt32());   // 2 epochs x ceil(6 / 4)
        foreach (var name in new[] { "loss", "mean_token_accuracy", "num_tokens", "learning_rate", "grad_norm", "train_loss" })
            Assert.True(root.TryGetProperty(name, out _), name);
        Assert.Equal(6, root.GetProperty("truncated").GetInt32());
    }
}
