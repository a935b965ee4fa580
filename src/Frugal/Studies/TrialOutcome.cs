using System.ComponentModel;

namespace Frugal.Studies;

/// <summary>
/// One finished trial of a study as the report sees it. An "experiment" in the REX paper's sense is
/// (Setting, Optimizer, Budget); schedules are ranked within it by the mean of Metric over seeds.
/// Metric is lower-is-better: test error in % for classifiers, test loss (negative ELBO, nats per
/// example) for the VAE, held-out next-token loss (nats per token) for the GPT. Diverged and failed
/// trials have no metric and rank last.
/// </summary>
public sealed record TrialOutcome(
    string Setting,
    string MetricName,
    string Optimizer,
    string Schedule,
    double Budget,
    int Seed,
    double Lr,
    TrialStatus Status,
    double? Metric,
    double? TestLoss,
    int Steps,
    double Seconds);

/// <summary>What became of a trial; the descriptions are how stores and results.csv write it.</summary>
public enum TrialStatus
{
    [Description("queued")] Queued,
    [Description("running")] Running,
    [Description("done")] Done,
    [Description("diverged")] Diverged,
    [Description("failed")] Failed,
}
