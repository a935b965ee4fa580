using System.Text.Json;
using Frugal.Reports;
using Frugal.Studies;

namespace Frugal.Tests.Cli;

public sealed class PlanCommandTests : IDisposable
{
    private readonly string study = Directory.CreateTempSubdirectory("frugal-plan-").FullName;

    public PlanCommandTests() =>
        AllocationCellsCsv.Write(Path.Combine(study, AllocationCellsCsv.FileName),
        [
            new("math", 1000, 0.25, 0.40, 0.02, 3), new("math", 1000, 1.0, 0.50, 0.01, 3),
            new("math", 10000, 0.25, 0.80, 0.04, 3), new("math", 10000, 1.0, 0.60, 0.03, 3),
        ]);

    public void Dispose() => Directory.Delete(study, recursive: true);

    private static JsonElement Json(CliRun run)
    {
        Assert.Equal(0, run.ExitCode);
        return JsonDocument.Parse(run.OutLines[^1]).RootElement;
    }

    [Fact]
    public void Without_a_study_the_paper_rules_decide_and_say_so()
    {
        var small = Json(CliRun.Of("plan", "--budget", "500", "--json"));
        Assert.Equal((1.0, 500, 0), (small.GetProperty("sft_ratio").GetDouble(), small.GetProperty("n_sft").GetInt32(), small.GetProperty("n_pref").GetInt32()));
        Assert.Equal("paper-rules", small.GetProperty("source").GetString());
        Assert.Equal(JsonValueKind.Null, small.GetProperty("expected_metric").ValueKind);

        var large = Json(CliRun.Of("plan", "--budget", "20000", "--json"));
        Assert.Equal((0.25, 5000, 15000), (large.GetProperty("sft_ratio").GetDouble(), large.GetProperty("n_sft").GetInt32(), large.GetProperty("n_pref").GetInt32()));
    }

    [Fact]
    public void With_a_study_cheaper_pairs_change_the_recommendation()
    {
        var equal = Json(CliRun.Of("plan", "--budget", "1000", "--study", study, "--json"));
        var cheap = Json(CliRun.Of("plan", "--budget", "1000", "--cost-pref", "0.1", "--study", study, "--json"));
        Assert.Equal("study", equal.GetProperty("source").GetString());
        Assert.Equal(1.0, equal.GetProperty("sft_ratio").GetDouble());
        Assert.Equal(0.50, equal.GetProperty("expected_metric").GetDouble());
        Assert.Equal(0.25, equal.GetProperty("runner_up").GetProperty("sft_ratio").GetDouble());
        Assert.Equal((0.25, 250, 7500), (cheap.GetProperty("sft_ratio").GetDouble(), cheap.GetProperty("n_sft").GetInt32(), cheap.GetProperty("n_pref").GetInt32()));
    }

    [Fact]
    public void Plain_output_names_the_split_the_expectation_and_the_source()
    {
        var run = CliRun.Of("plan", "--budget", "10000", "--study", study);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("SFT ratio 0.25: 2500 demonstrations and 7500 preference pairs", run.Out);
        Assert.Contains("expected metric 0.8 +- 0.04", run.Out);
        Assert.Contains("interpolated from the math study", run.Out);
    }

    [Theory]
    [InlineData("--budget is required", "plan")]
    [InlineData("--budget must be positive, got 0", "plan", "--budget", "0")]
    [InlineData("--cost-sft must be positive, got -1", "plan", "--budget", "10", "--cost-sft", "-1")]
    [InlineData("--cost-pref must be positive, got 0", "plan", "--budget", "10", "--cost-pref", "0")]
    [InlineData("cells.csv: no such file", "plan", "--budget", "10", "--study", "/nonexistent")]
    public void Bad_input_is_one_line_and_exit_code_2(string expected, params string[] args)
    {
        var run = CliRun.Of(args);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(expected, Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
    }

    [Fact]
    public void A_bad_cell_or_an_unknown_task_is_named()
    {
        var unknown = CliRun.Of("plan", "--budget", "10", "--study", study, "--task", "helpful");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("has no task 'helpful'; it holds math", unknown.Error);

        File.AppendAllText(Path.Combine(study, AllocationCellsCsv.FileName), "math,lots,0.5,0.1,0,1\n");
        var bad = CliRun.Of("plan", "--budget", "10", "--study", study);
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("cells.csv, line 6, field budget: expected a number, got 'lots'", bad.Error);
    }
}
