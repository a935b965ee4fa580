using System.Text.Json;
using Frugal.Evaluation;
using Frugal.Tests.Evaluation;
using Frugal.Tests.Models;
using Frugal.Tests.Text;
using Frugal.Text;

namespace Frugal.Tests.Cli;

[Collection(TorchGlobalState.Name)]
public sealed class EvalCommandTests : IDisposable
{
    private static readonly string[] Prompts = ["2+2=", "The sky is", "Name a colour:"];
    private readonly TextFiles _files = new();
    private readonly string _model;
    private readonly string[] _answers;

    public EvalCommandTests()
    {
        _model = TinyLm.Save(TinyLm.Random(3), Path.Combine(_files.Root, "model"));
        using var model = LanguageModel.Load(_model);
        _answers = [.. Prompts.Select(p => model.Complete(new Passage.Plain(p), new SamplingOptions { MaxNewTokens = 8 }).Text)];
    }

    public void Dispose() => _files.Dispose();

    /// <summary>Prompt-completion records; the first <paramref name="right"/> carry the model's own greedy answer as reference.</summary>
    private string Data(int right)
    {
        var lines = Prompts.Select((p, i) => JsonSerializer.Serialize(new { prompt = p, completion = i < right ? _answers[i] : "nothing like it" }));
        return _files.Jsonl($"eval-{right}.jsonl", [.. lines]);
    }

    private string[] Args(string data, params string[] more) =>
        ["eval", "--model", _model, "--data", data, "--verifier", "exact-match", "--max-tokens", "8", .. more];

    [Fact]
    public void Json_ends_stdout_with_accuracy_its_interval_and_counts()
    {
        var run = CliRun.Of(Args(Data(right: 2), "--json"));
        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.OutLines[^1]);
        var root = json.RootElement;
        var (low, high) = WilsonInterval.Of(2, 3);
        Assert.Equal(2.0 / 3, root.GetProperty("accuracy").GetDouble(), 12);
        Assert.Equal(low, root.GetProperty("ci_low").GetDouble(), 6);
        Assert.Equal(high, root.GetProperty("ci_high").GetDouble(), 6);
        Assert.Equal(3, root.GetProperty("n").GetInt32());
        Assert.Equal(2, root.GetProperty("passed").GetInt32());
        Assert.Equal("exact-match", root.GetProperty("verifier").GetString());
        Assert.True(root.GetProperty("seconds").GetDouble() >= 0);
        Assert.Contains("eval exact-match: 3/3 records, 2 passed", run.Error);  // the progress line, on stderr
    }

    [Fact]
    public void Workers_give_the_same_result_as_one()
    {
        var data = Data(right: 2);
        var one = JsonDocument.Parse(CliRun.Of(Args(data, "--json", "--workers", "1")).OutLines[^1]).RootElement;
        var two = CliRun.Of(Args(data, "--json", "--workers", "2", "--threads", "2"));
        Assert.Equal(0, two.ExitCode);
        var root = JsonDocument.Parse(two.OutLines[^1]).RootElement;
        Assert.Equal(one.GetProperty("passed").GetInt32(), root.GetProperty("passed").GetInt32());
        Assert.Equal(2, root.GetProperty("passed").GetInt32());
    }

    [Fact]
    public void Prints_accuracy_with_its_95_percent_interval()
    {
        var run = CliRun.Of(Args(Data(right: 3)));
        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("exact-match: accuracy 1.0000 (3/3), 95% CI [0.4385, 1.0000] (Wilson), ", run.OutLines[^1]);
    }

    [Fact]
    public void Limit_evaluates_the_first_records_and_out_writes_one_line_each()
    {
        var outPath = Path.Combine(_files.Root, "results.jsonl");
        var run = CliRun.Of(Args(Data(right: 1), "--limit", "2", "--out", outPath, "--json"));
        Assert.Equal(0, run.ExitCode);
        var lines = File.ReadAllLines(outPath);
        Assert.Equal(2, lines.Length);
        Assert.Contains("\"prompt\":\"2+2=\"", lines[0]);  // readable, not \u002B
        using var first = JsonDocument.Parse(lines[0]);
        using var second = JsonDocument.Parse(lines[1]);
        Assert.Equal("2+2=", first.RootElement.GetProperty("prompt").GetString());
        Assert.Equal(_answers[0], first.RootElement.GetProperty("completion").GetString());
        Assert.Equal(_answers[0], first.RootElement.GetProperty("reference").GetString());
        Assert.True(first.RootElement.GetProperty("passed").GetBoolean());
        Assert.Equal(2, second.RootElement.GetProperty("line").GetInt32());
        Assert.False(second.RootElement.GetProperty("passed").GetBoolean());
        Assert.Equal("nothing like it", second.RootElement.GetProperty("reference").GetString());
        Assert.Equal(2, JsonDocument.Parse(run.OutLines[^1]).RootElement.GetProperty("n").GetInt32());

        // The file is there now: a second run refuses to replace it, unless told to.
        var again = CliRun.Of(Args(Data(right: 3), "--out", outPath));
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("--out", again.Error);
        Assert.Contains("already exists", again.Error);
        Assert.Equal(2, File.ReadAllLines(outPath).Length);
        Assert.Equal(0, CliRun.Of(Args(Data(right: 3), "--out", outPath, "--overwrite")).ExitCode);
        Assert.Equal(3, File.ReadAllLines(outPath).Length);
    }

    [Fact]
    public void Conversational_records_are_evaluated_through_the_chat_template()
    {
        using var model = LanguageModel.Load(_model);
        var prompt = new Passage.Chat([new ChatMessage(ChatRole.User, "Hi?")]);
        var answer = model.Complete(prompt, new SamplingOptions { MaxNewTokens = 8 }).Text;
        var record = JsonSerializer.Serialize(new { messages = new[] { new { role = "user", content = "Hi?" }, new { role = "assistant", content = answer } } });
        var run = CliRun.Of(Args(_files.Jsonl("chat.jsonl", record), "--json"));
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(1.0, JsonDocument.Parse(run.OutLines[^1]).RootElement.GetProperty("accuracy").GetDouble());
    }

    [Fact]
    public void An_unknown_verifier_lists_the_valid_ones()
    {
        var args = Args(Data(right: 0));
        args[Array.IndexOf(args, "exact-match")] = "bleu";
        var run = CliRun.Of(args);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("frugal: --verifier: unknown verifier 'bleu', expected one of final-answer, exact-match, final-answer-format, math, instruct, summarize, helpful\n", run.Error.ReplaceLineEndings("\n"));
    }

    [Theory]
    [InlineData("{broken", 2, "malformed JSON")]
    [InlineData("""{"prompt":"x"}""", 2, "field 'completion' is missing: it holds the reference answer")]
    [InlineData("""{"prompt":"x","completion":7}""", 2, "field 'completion' is a number")]
    public void A_bad_data_line_is_named_with_exit_code_2(string badLine, int line, string fragment)
    {
        var path = _files.Jsonl("bad.jsonl", """{"prompt":"a","completion":"b"}""", badLine);
        var run = CliRun.Of(Args(path));
        Assert.Equal(2, run.ExitCode);
        var error = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"frugal: {path}:{line}: ", error);
        Assert.Contains(fragment, error);
    }

    [Fact]
    public void A_reference_the_verifier_cannot_use_is_named_before_any_generation()
    {
        var path = _files.Jsonl("plain.jsonl", """{"prompt":"a","completion":"#### 4"}""", """{"prompt":"b","completion":"4"}""");
        var args = Args(path);
        args[Array.IndexOf(args, "exact-match")] = "final-answer";
        var run = CliRun.Of(args);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"frugal: {path}:2: the reference has no '####' line, which the final-answer verifier compares against\n", run.Error.ReplaceLineEndings("\n"));
    }

    [Theory]
    [InlineData("--data FILE.jsonl is required", "--model", "M", "--verifier", "exact-match")]
    [InlineData("--verifier is required: one of final-answer, exact-match, final-answer-format, math, instruct, summarize, helpful", "--model", "M", "--data", "d.jsonl")]
    [InlineData("--limit must be >= 1, got 0", "--model", "M", "--data", "d.jsonl", "--verifier", "exact-match", "--limit", "0")]
    public void Missing_or_bad_options_are_one_line_and_exit_code_2(string expected, params string[] args)
    {
        var run = CliRun.Of(["eval", .. args]);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(expected, Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
    }

    [Fact]
    public void A_missing_model_or_data_file_is_named()
    {
        var data = Data(right: 0);
        var noModel = CliRun.Of(["eval", "--model", Path.Combine(_files.Root, "none"), "--data", data, "--verifier", "exact-match"]);
        Assert.Equal(2, noModel.ExitCode);
        Assert.Contains("none: model directory not found", noModel.Error);
        File.Delete(Path.Combine(_model, "model.safetensors"));
        var noWeights = CliRun.Of(Args(data));
        Assert.Equal(2, noWeights.ExitCode);
        Assert.Contains("model.safetensors: not found", noWeights.Error);
        var noData = CliRun.Of(Args(Path.Combine(_files.Root, "missing.jsonl")));
        Assert.Equal(2, noData.ExitCode);
        Assert.Contains("missing.jsonl: not found", noData.Error);
    }

    [Fact]
    public void The_real_program_exits_2_with_one_line_for_a_bad_verifier()
    {
        var (code, output, error) = CliProcess.Run("eval", "--model", _model, "--data", Data(right: 0), "--verifier", "nope");
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Equal("frugal: --verifier: unknown verifier 'nope', expected one of final-answer, exact-match, final-answer-format, math, instruct, summarize, helpful", error.Trim());
    }
}
