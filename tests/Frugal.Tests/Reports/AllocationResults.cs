using Frugal.Evaluation;
using Frugal.Reports;
using Frugal.Studies;
using Frugal.Studies.Allocation;

namespace Frugal.Tests.Reports;

/// <summary>Hand-built allocation results: metrics with the Wilson interval a real evaluation of that many problems gives.</summary>
internal static class AllocationResults
{
    public static AllocationTrialResult Cell(double budget, double ratio, double metric, int seed = 0, string task = "math", int problems = 500)
    {
        var (low, high) = WilsonInterval.Of((int)Math.Round(metric * problems), problems);
        var split = new DataBudget(budget).Split(ratio);
        return new AllocationTrialResult
        {
            Task = task,
            Budget = budget,
            SftRatio = ratio,
            Seed = seed,
            NSft = split.Sft,
            NPref = split.Pref,
            Metric = metric,
            MetricLow = low,
            MetricHigh = high,
            EvalProblems = problems,
        };
    }

    public static AllocationTrialResult Base(double metric, int seed = 0, string task = "math", int problems = 500) =>
        Cell(0, 0, metric, seed, task, problems) with { IsBase = true, NSft = 0, NPref = 0 };

    public static AllocationTrialResult Diverged(double budget, double ratio, string stage, int seed = 0, string task = "math") =>
        Cell(budget, ratio, 0, seed, task) with
        {
            Status = AllocationTrialResult.Diverged,
            DivergedIn = stage,
            Metric = double.NaN,
            MetricLow = double.NaN,
            MetricHigh = double.NaN,
        };

    /// <summary>
    /// A math grid over <paramref name="ratios"/> from rows of (budget, one metric per ratio; NaN = no result), with a
    /// base model scoring <paramref name="baseMetric"/>.
    /// </summary>
    public static AllocationTaskGrid Grid(double[] ratios, double baseMetric, params (double Budget, double[] Metrics)[] rows) =>
        AllocationTaskGrid.Of("math", rows.Select(r => r.Budget), ratios, Results(ratios, baseMetric, rows));

    public static List<AllocationTrialResult> Results(double[] ratios, double baseMetric, params (double Budget, double[] Metrics)[] rows) =>
        [Base(baseMetric), .. from row in rows from j in Enumerable.Range(0, ratios.Length)
                               where !double.IsNaN(row.Metrics[j]) select Cell(row.Budget, ratios[j], row.Metrics[j])];
}
