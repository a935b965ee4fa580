using Frugal.Data.Tasks;
using Frugal.Reports;
using Frugal.Studies;
using Frugal.Studies.Allocation;
using static Frugal.Tests.Reports.AllocationResults;

namespace Frugal.Tests.Reports;

/// <summary>
/// A small made-up allocation study as the store would return it: math and instruct, three budgets, four ratios,
/// with metrics shaped like the paper's (pure DPO stuck near the base on math, a mix best at large budgets), answer
/// lengths, DPO log-probability series, one diverged cell and one failed trial.
/// </summary>
internal static class AllocationStudyFixture
{
    public const int Cap = 64;

    public static readonly AllocationStudySpec Spec = new()
    {
        Name = "allocation-test",
        Tasks = [TaskKind.Math, TaskKind.Instruct],
        Budgets = [100, 1000, 10000],
        Ratios = [0, 0.1, 0.5, 1],
        MaxNewTokens = Cap,
        Dpo = new AllocationTuning { Lrs = [3e-5, 1e-4], Betas = [0.1, 0.5] },
    };

    private static readonly Dictionary<string, double[][]> Metrics = new()
    {
        ["math"] = [[0.03, 0.10, 0.15, 0.20], [0.04, 0.35, 0.50, 0.45], [0.06, 0.60, 0.70, 0.62]],
        ["instruct"] = [[0.20, 0.30, 0.30, 0.35], [0.25, double.NaN, 0.55, 0.50], [0.40, 0.65, 0.75, 0.70]],
    };

    public static List<AllocationTrialRecord> Records(int seeds = 1)
    {
        var records = new List<AllocationTrialRecord>();
        var noSeries = new Dictionary<string, IReadOnlyList<(int, double)>>();
        foreach (var task in Metrics.Keys)
            for (var seed = 0; seed < seeds; seed++)
            {
                var start = Base(task == "math" ? 0.03 : 0.2, seed, task) with
                {
                    FormatRate = 0,
                    ResponseTokens = [.. Enumerable.Repeat(Cap, 40).Concat(Enumerable.Range(20, 10))],
                    StartChosenLogp = -2.7,
                    StartRejectedLogp = -2.6,
                    Samples = ["1 = 1 = 11 = 1 = 111", "the farmer has 12 apples"],
                    Skill = task == "math" ? new Dictionary<string, double> { [MathSkillProbe.EquationCompletion] = 0.94, [MathSkillProbe.EquationCompletionInText] = 0.97, [MathSkillProbe.AnswerAnywhere] = 0.45 } : new Dictionary<string, double>(),
                };
                records.Add(new AllocationTrialRecord($"task={task}|base|seed={seed}", TrialStatus.Done, start, null, noSeries));
                for (var i = 0; i < Spec.Budgets.Count; i++)
                    for (var j = 0; j < Spec.Ratios.Count; j++)
                        records.Add(Record(task, Spec.Budgets[i], Spec.Ratios[j], Metrics[task][i][j] + 0.01 * seed, seed));
            }
        records.Add(new AllocationTrialRecord("task=math|budget=100|sft_ratio=0.5|seed=9", TrialStatus.Failed, null, "out of memory", noSeries));
        return records;
    }

    private static AllocationTrialRecord Record(string task, double budget, double ratio, double metric, int seed)
    {
        var key = $"task={task}|budget={budget}|sft_ratio={ratio}|seed={seed}";
        if (double.IsNaN(metric))
            return new AllocationTrialRecord(key, TrialStatus.Diverged, Diverged(budget, ratio, "dpo", seed, task), null, new Dictionary<string, IReadOnlyList<(int, double)>>());
        var sftLength = ratio > 0;
        var result = Cell(budget, ratio, metric, seed, task) with
        {
            FormatRate = ratio > 0 ? 0.9 : 0.02,
            ResponseTokens = [.. Enumerable.Range(0, 50).Select(k => sftLength ? 18 + k % 20 : k % 5 == 0 ? 30 : Cap)],
            StartChosenLogp = ratio > 0 ? -1.2 : -2.7,
            StartRejectedLogp = ratio > 0 ? -1.3 : -2.6,
            SftLr = ratio > 0 ? 1e-3 : null,
            SftSteps = ratio > 0 ? 100 : 0,
            DpoLr = ratio < 1 ? (budget > 1000 ? 3e-5 : 1e-4) : null,
            DpoBeta = ratio < 1 ? 0.1 : null,
            DpoSteps = ratio < 1 ? 120 : 0,
            Samples = ratio > 0 ? ["Step 1: 12 + 5 = 17\n#### 17"] : ["12 + 5 = 17 = 17 = 17"],
            Seconds = 60,
        };
        var series = new Dictionary<string, IReadOnlyList<(int, double)>>();
        if (ratio < 1)
        {
            // Pure DPO from the base collapses (both fall); after SFT the chosen answers rise and the rejected fall.
            var (chosen, rejected) = ratio == 0 ? (-0.05, -0.06) : (0.01, -0.04);
            var at = ratio == 0 ? -90.0 : -48.0;
            series[AllocationLogpDrift.ChosenSeries] = [.. Enumerable.Range(1, 12).Select(s => (10 * s, at + chosen * 10 * s))];
            series[AllocationLogpDrift.RejectedSeries] = [.. Enumerable.Range(1, 12).Select(s => (10 * s, at - 1 + rejected * 10 * s))];
        }
        return new AllocationTrialRecord(key, TrialStatus.Done, result, null, series);
    }
}
