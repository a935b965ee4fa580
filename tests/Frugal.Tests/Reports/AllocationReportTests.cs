using Frugal.Reports;
using Frugal.Studies;
using Frugal.Studies.Allocation;

namespace Frugal.Tests.Reports;

public sealed class AllocationReportTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("frugal-allocation-report-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly AllocationReportContext Context = new("frugal study allocation --preset quick --out /tmp/a", "quick", TimeSpan.FromMinutes(71.5));

    private string Write(List<AllocationTrialRecord> records) => AllocationReport.Write(_dir, AllocationStudyFixture.Spec, records, Context);

    [Fact]
    public void Write_produces_the_markdown_html_cells_csv_and_four_real_pngs_per_task()
    {
        var path = Write(AllocationStudyFixture.Records());

        Assert.Equal(Path.Combine(_dir, "report.md"), path);
        string[] charts = ["heatmap", "metric-vs-budget", "response-lengths", "dpo-logps"];
        string[] expected = ["report.md", "report.html", "cells.csv", .. from t in new[] { "math", "instruct" } from c in charts select $"{t}-{c}.png"];
        Assert.Equal(expected.Order(), Directory.GetFiles(_dir).Select(Path.GetFileName).Order()!);
        byte[] magic = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        Assert.All(Directory.GetFiles(_dir, "*.png"), png =>
        {
            var bytes = File.ReadAllBytes(png);
            Assert.Equal(magic, bytes[..8]);
            Assert.True(bytes.Length > 10_000, $"{Path.GetFileName(png)} is only {bytes.Length} bytes");
        });
        var md = File.ReadAllText(path);
        Assert.All(Directory.GetFiles(_dir, "*.png"), png => Assert.Contains($"]({Path.GetFileName(png)})", md, StringComparison.Ordinal));
    }

    [Fact]
    public void Cells_csv_holds_the_finished_cells_only_as_before()
    {
        var records = AllocationStudyFixture.Records(seeds: 2);
        Write(records);

        var cells = AllocationCellsCsv.Read(Path.Combine(_dir, AllocationCellsCsv.FileName));

        // 2 tasks x 3 budgets x 4 ratios, less instruct's diverged cell; no base model, no failed trial.
        Assert.Equal(23, cells.Count);
        Assert.DoesNotContain(cells, c => c is { Task: "instruct", Budget: 1000, SftRatio: 0.1 });
        var cell = Assert.Single(cells, c => c is { Task: "math", Budget: 1000, SftRatio: 0.5 });
        Assert.Equal((0.505, 2), (Math.Round(cell.Mean, 9), cell.Seeds));
        Assert.Equal(0.01 / Math.Sqrt(2), cell.Std, 9);
    }

    [Fact]
    public void Markdown_states_the_run_the_calibration_the_tables_and_the_claims()
    {
        var md = File.ReadAllText(Write(AllocationStudyFixture.Records()));

        Assert.Contains("frugal study allocation --preset quick --out /tmp/a", md, StringComparison.Ordinal);
        Assert.Contains("**Trials:** 27 (done 25, diverged 1, failed 1, unfinished 0)", md, StringComparison.Ordinal);
        Assert.Matches(@"\*\*Time:\*\* the trials took \d+ min \d\d s of worker time \(the longest 1 min 00 s\); this command ran 1 h 11 min", md);
        Assert.Contains("learning rates tried 3e-5 / 1e-4; betas 0.1 / 0.5", md, StringComparison.Ordinal);
        Assert.Contains("- math: equation completion 0.940 (needs 0.9 or more) (after another drill's line, as in the raw text: 0.970), the right answer on the line continuing the problem 0.450", md, StringComparison.Ordinal);
        Assert.Contains("format rate 0.000 (needs 0.05 or less): **passed.**", md, StringComparison.Ordinal);
        Assert.Contains("- instruct: no skill probe for this task; format rate 0.000: **not checked.**", md, StringComparison.Ordinal);
        // The metric table: the best ratio in bold, the diverged cell named with its stage.
        Assert.Contains("| 1,000 | 0.040 \\[0.026, 0.061\\] | 0.350 \\[0.309, 0.393\\] | **0.500 \\[0.456, 0.544\\]** | 0.450 \\[0.407, 0.494\\] |", md, StringComparison.Ordinal);
        Assert.Contains("| diverged (dpo) |", md, StringComparison.Ordinal);
        // Cold start: the base rambles to the cap, SFT does not; DPO from the base collapsed in every r = 0 cell.
        Assert.Contains("| base | — | 1 | 0.000 | 64 | 24.9 | 64 | 80% | -2.700 | -2.600 | 0.000 |", md, StringComparison.Ordinal);
        Assert.Contains("Both chosen and rejected fell in 3 of 9 cells: r = 0 at B = 100, r = 0 at B = 1,000, r = 0 at B = 10,000", md, StringComparison.Ordinal);
        Assert.Contains("- (c) math: Pure DPO (r = 0) fails on math: it stays near the base model while some r \\> 0 does much better. **supported.**", md, StringComparison.Ordinal);
        Assert.Contains("`task=math|budget=100|sft_ratio=0.5|seed=9`: out of memory", md, StringComparison.Ordinal);
        Assert.Contains("| 10,000 | 0 | done | 0 | 10000 | — | — | 3e-5 | 0.1 | 120 | 60 |", md, StringComparison.Ordinal);
    }

    [Fact]
    public void A_study_that_measured_nothing_bolds_no_winner_and_says_so()
    {
        var zero = AllocationStudyFixture.Records().Select(r => r.Result is { IsDiverged: false } result
            ? r with { Result = result with { Metric = 0, MetricLow = 0, MetricHigh = 0.0076 } } : r).ToList();

        var md = File.ReadAllText(Write(zero));

        Assert.Contains("| 1,000 | 0.000 \\[0.000, 0.008\\] | 0.000 \\[0.000, 0.008\\] | 0.000 \\[0.000, 0.008\\] | 0.000 \\[0.000, 0.008\\] |", md, StringComparison.Ordinal);
        Assert.Contains("**not measured.** The study measured nothing here", md, StringComparison.Ordinal);
        Assert.DoesNotContain("**supported.**", md, StringComparison.Ordinal);
    }

    [Fact]
    public void A_study_whose_trials_are_all_still_queued_gets_a_report_without_figures()
    {
        var queued = AllocationStudyFixture.Records().Select(r => r with { Status = TrialStatus.Queued, Result = null }).ToList();

        var md = File.ReadAllText(Write(queued));

        Assert.Contains("unfinished 27", md, StringComparison.Ordinal);
        Assert.Contains("- math: the base-model trial did not finish: **not checked.**", md, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_dir, "*.png"));
        Assert.Empty(AllocationCellsCsv.Read(Path.Combine(_dir, AllocationCellsCsv.FileName)));
    }
}
