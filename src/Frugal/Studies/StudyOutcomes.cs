using System.Text.Json;
using Frugal.Models;
using Frugal.Schedules;
using Frugal.Storage;
using Frugal.Training;

namespace Frugal.Studies;

/// <summary>Turns a study's stored trials into the rows its report ranks.</summary>
public static class StudyOutcomes
{
    public static IReadOnlyList<TrialOutcome> From(IEnumerable<StoredTrial> trials)
    {
        var outcomes = new List<(TrialOutcome Outcome, double? ValLoss)>();
        foreach (var trial in trials.Where(t => t.Status is TrialStatus.Done or TrialStatus.Diverged or TrialStatus.Failed))
        {
            var config = JsonSerializer.Deserialize<TrainConfig>(trial.ConfigJson, FrugalJson.Options)!;
            var result = trial.ResultJson is null ? null : JsonSerializer.Deserialize<TrainResult>(trial.ResultJson, FrugalJson.Options);
            var setting = $"{config.Data}/{config.Model.Name()}";
            var hasError = config.Model.IsClassifier();
            var outcome = new TrialOutcome(
                setting,
                MetricName(config.Model),
                config.Optimizer.Name(),
                config.Schedule.Name(),
                config.Budget,
                config.Seed,
                config.Lr,
                trial.Status,
                trial.Status == TrialStatus.Done ? (hasError ? result?.TestError : result?.TestLoss) : null,
                result?.TestLoss,
                result?.Steps ?? 0,
                result?.Seconds ?? 0);
            outcomes.Add((outcome, result?.History.LastOrDefault()?.ValLoss));
        }
        return SelectLearningRates(outcomes);
    }

    /// <summary>What a setting's metric is: error for the classifiers, held-out loss for the VAE and the GPT.</summary>
    public static string MetricName(ModelKind model) =>
        model.IsClassifier() ? "test error %" : model.IsLanguageModel() ? "test loss (nats/token)" : "test loss (nats)";

    /// <summary>
    /// The REX paper tunes only the learning rate, per schedule, setting and budget: keep, for each such
    /// cell, the rate whose runs reached the lowest mean final validation loss (never the test metric).
    /// </summary>
    private static IReadOnlyList<TrialOutcome> SelectLearningRates(List<(TrialOutcome Outcome, double? ValLoss)> outcomes) =>
        [.. outcomes
            .GroupBy(o => (o.Outcome.Setting, o.Outcome.Optimizer, o.Outcome.Schedule, o.Outcome.Budget))
            .SelectMany(cell =>
            {
                var byLr = cell.GroupBy(o => o.Outcome.Lr).ToList();
                var best = byLr.MinBy(g => g.All(o => o.ValLoss is { } v && double.IsFinite(v)) ? g.Average(o => o.ValLoss!.Value) : double.PositiveInfinity)!;
                return best.Select(o => o.Outcome);
            })];
}
