using System.ComponentModel;

namespace Frugal.Studies;

/// <summary>Where a recommendation comes from.</summary>
public enum PlanSource
{
    [Description("study")] Study,
    [Description("paper-rules")] PaperRules,
}

/// <summary>
/// A recommended split of a data budget, with the metric the study leads one to expect (none under the
/// paper's rules) and the best alternative split.
/// </summary>
public sealed record AllocationPlan(
    DataSplitCounts Split,
    double? ExpectedMetric,
    double? Spread,
    DataSplitCounts? RunnerUp,
    double? RunnerUpMetric,
    PlanSource Source,
    string Reason);
