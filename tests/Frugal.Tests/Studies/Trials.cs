using Frugal.Studies;

namespace Frugal.Tests.Studies;

/// <summary>Hand-made trial outcomes: a metric makes a Done trial, null a diverged one.</summary>
internal static class Trials
{
    public static TrialOutcome Trial(string schedule, double? metric, double budget = 0.1, string setting = "fashion-mnist/mlp",
        string optimizer = "sgdm", int seed = 0, TrialStatus? status = null) =>
        new(setting, "test_error", optimizer, schedule, budget, seed, 0.1,
            status ?? (metric is null ? TrialStatus.Diverged : TrialStatus.Done), metric, metric / 10, 100, 1.5);

    /// <summary>One experiment, one seed per schedule: ("rex", 1.0), ("step", null) ...</summary>
    public static IEnumerable<TrialOutcome> Experiment(double budget, string setting, string optimizer, params (string Schedule, double? Metric)[] scores) =>
        scores.Select(s => Trial(s.Schedule, s.Metric, budget, setting, optimizer));

    public static IEnumerable<TrialOutcome> Experiment(double budget, params (string Schedule, double? Metric)[] scores) =>
        Experiment(budget, "fashion-mnist/mlp", "sgdm", scores);
}
