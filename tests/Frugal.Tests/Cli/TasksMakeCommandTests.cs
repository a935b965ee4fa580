using Frugal.Data.Tasks;
using Frugal.Tests.Text;
using Frugal.Text;

namespace Frugal.Tests.Cli;

public class TasksMakeCommandTests
{
    [Theory]
    [InlineData("math", "sft", JsonlKind.PromptCompletion)]
    [InlineData("instruct", "pref", JsonlKind.Preference)]
    [InlineData("summarize", "raw", JsonlKind.LanguageModelling)]
    [InlineData("helpful", "eval", JsonlKind.PromptCompletion)]
    public void Writes_n_records_of_the_kind(string task, string kind, JsonlKind format)
    {
        using var files = new TextFiles();
        var path = Path.Combine(files.Root, "sub", "out.jsonl");
        var run = CliRun.Of("tasks", "make", "--task", task, "--kind", kind, "--n", "12", "--seed", "3", "--out", path);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
        Assert.Contains($"wrote 12 {task} {kind} records", run.Out);
        Assert.Equal(12, File.ReadAllLines(path).Length);
        Assert.Equal(format, JsonlFormat.Detect(path));
        Assert.Equal([path], Directory.GetFiles(Path.GetDirectoryName(path)!));
    }

    [Fact]
    public void Same_seed_same_bytes_and_overwrite_replaces()
    {
        using var files = new TextFiles();
        var (a, b) = (Path.Combine(files.Root, "a.jsonl"), Path.Combine(files.Root, "b.jsonl"));
        Assert.Equal(0, CliRun.Of("tasks", "make", "--task", "math", "--kind", "pref", "--n", "50", "--seed", "1", "--out", a).ExitCode);
        Assert.Equal(0, CliRun.Of("tasks", "make", "--task", "math", "--kind", "pref", "-n", "50", "--seed", "1", "--out", b).ExitCode);
        Assert.Equal(File.ReadAllBytes(a), File.ReadAllBytes(b));
        Assert.Equal(0, CliRun.Of("tasks", "make", "--task", "math", "--kind", "pref", "--count", "5", "--seed", "2", "--out", b, "--overwrite").ExitCode);
        Assert.Equal(5, File.ReadAllLines(b).Length);
        Assert.NotEqual(File.ReadAllLines(a).Take(5), File.ReadAllLines(b));
    }

    [Theory]
    [InlineData("--task: unknown task 'poetry', expected one of math, instruct, summarize, helpful", "--task", "poetry")]
    [InlineData("--kind: unknown kind 'dpo', expected one of raw, sft, pref, eval", "--kind", "dpo")]
    [InlineData("--n must be a positive number of records, got 0", "--n", "0")]
    [InlineData("--n must be a positive number of records, got -4", "--n", "-4")]
    [InlineData("--n: 'many' is not a valid number", "--n", "many")]
    public void Bad_input_is_one_line_and_exit_code_2(string expected, string option, string value)
    {
        using var files = new TextFiles();
        var args = new Dictionary<string, string> { ["--task"] = "math", ["--kind"] = "sft", ["--n"] = "3", ["--seed"] = "1", ["--out"] = Path.Combine(files.Root, "x.jsonl") };
        args[option] = value;
        var run = CliRun.Of(["tasks", "make", .. args.SelectMany(a => new[] { a.Key, a.Value })]);
        AssertBadInput(run, expected);
        Assert.False(File.Exists(args["--out"]));
    }

    [Fact]
    public void Missing_options_are_named_and_an_existing_file_is_kept()
    {
        AssertBadInput(CliRun.Of("tasks", "make"), "--task is required");
        using var files = new TextFiles();
        var path = files.Jsonl("keep.jsonl", """{"text":"mine"}""");
        var run = CliRun.Of("tasks", "make", "--task", "math", "--kind", "raw", "--n", "3", "--seed", "1", "--out", path);
        AssertBadInput(run, $"--out: {path} exists; pass --overwrite to replace it");
        Assert.Equal("{\"text\":\"mine\"}\n", File.ReadAllText(path));
    }

    private static void AssertBadInput(CliRun run, string expected)
    {
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Out);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("frugal: ", line);
        Assert.Contains(expected, line);
    }
}
