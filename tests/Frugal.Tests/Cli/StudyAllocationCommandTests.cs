using System.Text.Json;
using Frugal.Data.Tasks;
using Frugal.Reports;
using Frugal.Storage;
using Frugal.Studies;
using Frugal.Studies.Allocation;
using Frugal.Tests.Evaluation;
using Frugal.Tests.Models;
using Frugal.Tests.Text;

namespace Frugal.Tests.Cli;

[Collection(TorchGlobalState.Name)]
public sealed class StudyAllocationCommandTests : IDisposable
{
    private readonly TextFiles _files = new();

    public void Dispose() => _files.Dispose();

    private string Math(TaskDataKind kind, int count, int seed)
    {
        var path = Path.Combine(_files.Root, $"math-{kind}-{count}-{seed}.jsonl");
        TaskData.Write(new MathTask(), kind, count, seed, path, overwrite: true);
        return path;
    }

    [Theory]
    [InlineData("--ratios must be in [0, 1]", "--ratios", "0,1.5")]
    [InlineData("--ratios: 'half' is not a number", "--ratios", "0,half")]
    [InlineData("--budgets must be positive", "--budgets", "0,100")]
    [InlineData("--cost-sft must be positive", "--cost-sft", "0")]
    [InlineData("--cost-pref must be positive", "--cost-pref", "-1")]
    [InlineData("--task: unknown task 'poetry'", "--task", "poetry")]
    [InlineData("--preset: unknown preset 'huge'", "--preset", "huge")]
    [InlineData("--sft-data, --pref-data, --eval-data and --verifier go together", "--sft-data", "x.jsonl")]
    public void Bad_options_are_one_line_and_exit_code_2(string expected, params string[] args)
    {
        var run = CliRun.Of(["study", "allocation", "--out", Path.Combine(_files.Root, "out"), .. args]);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(expected, Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
    }

    [Fact]
    public void A_data_file_of_the_wrong_format_or_an_unknown_verifier_is_one_line_before_any_training()
    {
        var sft = Math(TaskDataKind.Sft, 80, 1);
        var pref = Math(TaskDataKind.Preference, 80, 1);
        var eval = Math(TaskDataKind.Eval, 30, 2);
        string[] Args(string s, string p, string verifier) =>
            ["study", "allocation", "--out", Path.Combine(_files.Root, "bad"), "--budgets", "40", "--ratios", "0,1",
             "--sft-data", s, "--pref-data", p, "--eval-data", eval, "--verifier", verifier, "--cache", Path.Combine(_files.Root, "cache")];

        var swapped = CliRun.Of(Args(pref, sft, "final-answer"));
        Assert.Equal(2, swapped.ExitCode);
        Assert.Contains($"{pref}:1", Assert.Single(swapped.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)));

        var unknown = CliRun.Of(Args(sft, pref, "vibes"));
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("--verifier: unknown verifier 'vibes'", Assert.Single(unknown.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)));

        var short_ = CliRun.Of(Args(Math(TaskDataKind.Sft, 30, 1), pref, "final-answer"));
        Assert.Equal(2, short_.ExitCode);
        Assert.Contains("holds 30 records, but the grid needs 60", short_.Error);
        Assert.False(Directory.Exists(Path.Combine(_files.Root, "cache")), "no base model is trained for bad data");
    }

    /// <summary>
    /// The whole path on the user's own data with a given base: queue only, a worker runs every cell, `study report`
    /// writes the report and cells.csv, and `plan --study` reads them.
    /// </summary>
    [Fact]
    public void Queued_cells_run_in_a_worker_and_report_on_user_data()
    {
        var model = TinyLm.Save(TinyLm.Random(5, TinyLm.Config with { ContextLength = 256 }), Path.Combine(_files.Root, "base"));
        var out_ = Path.Combine(_files.Root, "study");
        var store = Path.Combine(out_, "study.db");
        string[] study = ["study", "allocation", "--out", out_, "--budgets", "40", "--ratios", "0,1", "--base", model,
            "--sft-data", Math(TaskDataKind.Sft, 80, 1), "--pref-data", Math(TaskDataKind.Preference, 80, 1),
            "--eval-data", Math(TaskDataKind.Eval, 30, 2), "--verifier", "final-answer"];

        var queued = CliRun.Of([.. study, "--enqueue-only"]);
        Assert.Equal(0, queued.ExitCode);
        var name = System.Text.RegularExpressions.Regex.Match(queued.Out, @"(allocation-smoke-[0-9a-f]{8}): queued 3 new trial\(s\)").Groups[1].Value;
        Assert.NotEmpty(name);

        var worker = CliRun.Of("worker", "--store", store, "--study", name, "--threads", "1");
        Assert.Equal(0, worker.ExitCode);
        Assert.Contains("ran 3 trial(s)", worker.Out);

        using (var opened = RunStores.Open(store))
        {
            var results = AllocationStudyResults.Read(opened, name);
            Assert.All(results, r => Assert.Equal(TrialStatus.Done, r.Status));
            var pureSft = results.Single(r => r.Result is { IsBase: false, SftRatio: 1 }).Result!;
            var pureDpo = results.Single(r => r.Result is { IsBase: false, SftRatio: 0 }).Result!;
            Assert.Equal((40, 0, 10), (pureSft.NSft, pureSft.NPref, pureSft.EvalProblems));
            Assert.Equal((0, 40), (pureDpo.NSft, pureDpo.NPref));
            Assert.Equal(10, pureDpo.ResponseTokens.Count);
            Assert.True(pureDpo.DpoSteps >= 20, $"DPO ran {pureDpo.DpoSteps} steps, fewer than the preset's floor");
            Assert.NotEmpty(results.Single(r => r.Result is { SftRatio: 0, IsBase: false }).Series["dpo/logps/chosen"]);
            // SFT moves the model towards the demonstrations: the held-out chosen answers get likelier than under the base.
            var base_ = results.Single(r => r.Result is { IsBase: true }).Result!;
            Assert.True(pureSft.StartChosenLogp > base_.StartChosenLogp, $"{pureSft.StartChosenLogp} <= {base_.StartChosenLogp}");
        }

        var report = CliRun.Of("study", "report", "--store", store, "--study", name, "--out", Path.Combine(_files.Root, "report"));
        Assert.Equal(0, report.ExitCode);
        Assert.Contains("3 of 3 trials reported", report.Out);
        var cells = AllocationCellsCsv.Read(Path.Combine(_files.Root, "report", AllocationCellsCsv.FileName));
        Assert.Equal([0.0, 1.0], cells.Select(c => c.SftRatio).Order());

        var plan = CliRun.Of("plan", "--budget", "40", "--study", Path.Combine(_files.Root, "report"), "--json");
        Assert.Equal(0, plan.ExitCode);
        Assert.Equal("study", JsonDocument.Parse(plan.OutLines[^1]).RootElement.GetProperty("source").GetString());
    }
}
