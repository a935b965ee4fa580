using System.Text.RegularExpressions;
using Frugal.Reports;
using Frugal.Studies;

namespace Frugal.Tests.Reports;

public sealed class RexReportTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("frugal-rex-report-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly string[] Settings = ["fashion-mnist/mlp", "mnist/vae"];
    private static readonly string[] Optimizers = ["sgdm", "adam"];

    private IReadOnlyList<string> WriteGrid(List<TrialOutcome> outcomes) => RexReport.Write(_dir, outcomes, RexGrid.Context(Settings));

    [Fact]
    public void Write_produces_every_file_with_names_safe_for_settings_with_a_slash()
    {
        var written = WriteGrid(RexGrid.Make(Settings, Optimizers, seeds: 2));

        string[] expected =
        [
            "results.csv", "figure1-ranks.png", "fashion-mnist-mlp-sgdm-metric.png", "fashion-mnist-mlp-adam-metric.png",
            "mnist-vae-sgdm-metric.png", "mnist-vae-adam-metric.png", "lr-curves.png", "report.md", "report.html",
        ];
        Assert.Equal(expected.Order(), written.Select(Path.GetFileName).Order()!);
        Assert.Equal(expected.Order(), Directory.GetFiles(_dir).Select(Path.GetFileName).Order()!);
    }

    [Fact]
    public void Results_csv_has_one_row_per_trial_and_parses_back_exactly()
    {
        var outcomes = RexGrid.Make(Settings, Optimizers, seeds: 2);
        outcomes.Add(new TrialOutcome("odd, \"quoted\"\nsetting", "test_error", "sgdm", "rex", 0.1, 3, 1.0 / 3, TrialStatus.Failed, null, null, 0, 0.1 + 0.2));
        WriteGrid(outcomes);

        var path = Path.Combine(_dir, "results.csv");
        Assert.Equal(outcomes.Count + 1 + 1, File.ReadAllLines(path).Length); // header, and the setting's line break
        Assert.Equal(string.Join(',', RexResultsCsv.Header), File.ReadLines(path).First());
        Assert.Equal(outcomes, RexResultsCsv.Read(path));
        Assert.Contains(outcomes, o => o.Status == TrialStatus.Diverged && o.Metric is null);
    }

    [Fact]
    public void Html_is_self_contained()
    {
        WriteGrid(RexGrid.Make(Settings, Optimizers, seeds: 2));

        var html = File.ReadAllText(Path.Combine(_dir, "report.html"));
        // Base64 may spell "http" by chance; look outside the data: URIs.
        var text = Regex.Replace(html, "data:image/png;base64,[A-Za-z0-9+/=]*", "");
        Assert.DoesNotContain("http", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("url(", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        var sources = Regex.Matches(html, "src=\"([^\"]*)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(Directory.GetFiles(_dir, "*.png").Length, sources.Count);
        Assert.All(sources, s => Assert.StartsWith("data:image/png;base64,", s, StringComparison.Ordinal));
        var embedded = sources.Select(s => Convert.ToHexString(Convert.FromBase64String(s["data:image/png;base64,".Length..]))).Order();
        var files = Directory.GetFiles(_dir, "*.png").Select(f => Convert.ToHexString(File.ReadAllBytes(f))).Order();
        Assert.Equal(files, embedded);
    }

    [Fact]
    public void Pngs_are_real_images()
    {
        WriteGrid(RexGrid.Make(Settings, Optimizers, seeds: 1));

        byte[] magic = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        var pngs = Directory.GetFiles(_dir, "*.png");
        Assert.Equal(6, pngs.Length);
        Assert.All(pngs, path =>
        {
            var bytes = File.ReadAllBytes(path);
            Assert.Equal(magic, bytes[..8]);
            Assert.True(bytes.Length > 20_000, $"{Path.GetFileName(path)} is only {bytes.Length} bytes");
        });
    }

    [Fact]
    public void Markdown_links_every_figure_and_states_the_paper_numbers_and_verdicts()
    {
        WriteGrid(RexGrid.Make(Settings, Optimizers, seeds: 2));

        var md = File.ReadAllText(Path.Combine(_dir, "report.md"));
        foreach (var png in Directory.GetFiles(_dir, "*.png").Select(Path.GetFileName))
            Assert.Contains($"]({png})", md);
        Assert.Contains("| rex | ", md);
        Assert.Contains("| 70 / 92 | ", md);
        Assert.Contains("| 73 / 95 | ", md);
        Assert.Contains("constant (paper: none)", md);
        Assert.Contains("frugal study rex --preset quick --out /tmp/rex", md);
        Assert.Contains("30 epochs", md);
        Assert.Contains("1 h 23 min", md);
        Assert.Equal(3, Regex.Matches(md, @"\*\*Verdict: (Supported|Mixed|Not supported|Can't be tested)\.\*\*").Count);
    }

    /// <summary>Two budgets, two seeds; the best cell differs per column and one schedule diverged at 10%.</summary>
    private static List<TrialOutcome> SmallGrid() =>
    [
        .. T("rex", 0.1, 10, 12), .. T("linear", 0.1, 12, 12), .. T("step", 0.1, null, null),
        .. T("rex", 0.5, 9, 9), .. T("linear", 0.5, 8, 8.5), .. T("step", 0.5, 20, 21),
    ];

    private static IEnumerable<TrialOutcome> T(string schedule, double budget, double? seed0, double? seed1) =>
        new[] { seed0, seed1 }.Select((m, seed) => new TrialOutcome("fashion-mnist/mlp", "test_error", "sgdm", schedule, budget, seed, 0.1,
            m is null ? TrialStatus.Diverged : TrialStatus.Done, m, null, 10, 1));

    [Fact]
    public void The_best_cell_of_each_budget_column_is_bold_and_diverged_is_spelled_out()
    {
        var outcomes = SmallGrid();
        var document = RexReportBuilder.Build(outcomes, RexAnalysis.Of(outcomes), RexGrid.Context("fashion-mnist/mlp"),
            new RexFigureFiles(null, new Dictionary<(string, string), string>(), null));

        var heading = document.Blocks.OfType<RexHeading>().Single(h => h.Text == "fashion-mnist/mlp, sgdm");
        var table = (RexTable)document.Blocks.SkipWhile(b => b != heading).First(b => b is RexTable);
        Assert.Equal(["Schedule", "10%", "50%"], table.Header);
        Assert.Equal(["rex", "linear", "step"], table.Rows.Select(r => r[0].Text));
        Assert.Equal(new RexCell("11.00 ± 1.41", Bold: true), table.Rows[0][1]);
        Assert.Equal(new RexCell("9.00 ± 0.00"), table.Rows[0][2]);
        Assert.Equal(new RexCell("12.00 ± 0.00"), table.Rows[1][1]);
        Assert.Equal(new RexCell("8.25 ± 0.35", Bold: true), table.Rows[1][2]);
        Assert.Equal(new RexCell("diverged"), table.Rows[2][1]);

        var md = RexMarkdown.Render(document);
        Assert.Contains("| rex | **11.00 ± 1.41** | 9.00 ± 0.00 |", md);
        Assert.Contains("| linear | 12.00 ± 0.00 | **8.25 ± 0.35** |", md);
        Assert.Contains("| step | diverged | 20.50 ± 0.71 |", md);
        var html = RexHtml.Render(document, _ => []);
        Assert.Contains("<td>rex</td><td class=\"num\"><strong>11.00 ± 1.41</strong></td><td class=\"num\">9.00 ± 0.00</td>", html);
    }

    [Fact]
    public void One_seed_has_no_plus_minus()
    {
        List<TrialOutcome> outcomes =
        [
            new("s", "test_error", "adam", "rex", 0.1, 0, 0.1, TrialStatus.Done, 10.5, null, 1, 1),
            new("s", "test_error", "adam", "linear", 0.1, 0, 0.1, TrialStatus.Done, 11, null, 1, 1),
        ];
        var md = RexMarkdown.Render(RexReportBuilder.Build(outcomes, RexAnalysis.Of(outcomes), RexGrid.Context("s"),
            new RexFigureFiles(null, new Dictionary<(string, string), string>(), null)));

        Assert.Contains("| rex | **10.50** |", md);
        Assert.Contains("| linear | 11.00 |", md);
        Assert.DoesNotContain("±", md);
    }

    [Fact]
    public void Claims_section_reports_each_verdict_with_its_rule()
    {
        // REX wins everything here: every claim about REX is supported; linear never beats step.
        List<TrialOutcome> outcomes =
        [
            .. T("rex", 0.05, 1, 1), .. T("linear", 0.05, 3, 3), .. T("step", 0.05, 2, 2),
            .. T("rex", 0.5, 1, 1), .. T("linear", 0.5, 3, 3), .. T("step", 0.5, 2, 2),
        ];
        var md = RexMarkdown.Render(RexReportBuilder.Build(outcomes, RexAnalysis.Of(outcomes), RexGrid.Context("fashion-mnist/mlp"),
            new RexFigureFiles(null, new Dictionary<(string, string), string>(), null)));

        Assert.Contains("### (a) REX is the best schedule at low budgets (\\< 25%).\n\n**Verdict: Supported.**", md);
        Assert.Contains("**Verdict: Not supported.**", md);
        Assert.Contains("at most 2% worse (relative)", md);
        Assert.Contains("| fashion-mnist/mlp | sgdm | 5% | 3.000 | 2.000 | +50.00% | 0.000 | no |", md);
    }

    [Fact]
    public void A_study_with_no_finished_trial_still_reports_that_nothing_can_be_tested()
    {
        var written = RexReport.Write(_dir, [new("s", "test error %", "sgdm", "rex", 0.1, 0, 0.1, TrialStatus.Queued, null, null, 0, 0)], RexGrid.Context("s"));

        Assert.Equal(["results.csv", "report.md", "report.html"], written.Select(Path.GetFileName));
        var md = File.ReadAllText(Path.Combine(_dir, "report.md"));
        Assert.Equal(3, Regex.Matches(md, @"\*\*Verdict: Can't be tested\.\*\*").Count);
        Assert.Contains("1 trial had not finished", md);
    }

    [Fact]
    public void An_empty_study_is_bad_input()
    {
        var e = Assert.Throws<BadInputException>(() => RexReport.Write(_dir, [], RexGrid.Context()));
        Assert.Contains("no trials", e.Message);
    }

    [Theory]
    [InlineData("fashion-mnist/mlp", "fashion-mnist-mlp")]
    [InlineData("../../etc", "etc")]
    [InlineData("a b:c", "a-b-c")]
    [InlineData("///", "x")]
    public void Safe_names_keep_letters_digits_dots_and_dashes(string name, string expected) =>
        Assert.Equal(expected, RexReport.SafeName(name));
}
