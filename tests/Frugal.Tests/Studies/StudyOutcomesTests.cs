using System.Text.Json;
using Frugal.Models;
using Frugal.Schedules;
using Frugal.Storage;
using Frugal.Studies;
using Frugal.Training;

namespace Frugal.Tests.Studies;

public class StudyOutcomesTests
{
    private static StoredTrial Trial(long id, double lr, int seed, double valLoss, double testError, TrialStatus status = TrialStatus.Done)
    {
        var config = new TrainConfig { Model = ModelKind.Mlp, Optimizer = OptimizerKind.Sgdm, Schedule = ProfileKind.Rex, Lr = lr, Budget = 0.1, Seed = seed };
        var result = new TrainResult(status == TrialStatus.Done ? TrainResult.Done : TrainResult.Diverged,
            status == TrialStatus.Done ? testError : null, status == TrialStatus.Done ? 0.5 : null, 1, 10, 1, 100, null,
            [new EpochMetrics(1, 10, 0.6, valLoss, 20, lr)]);
        return new StoredTrial(id, "s", $"k{id}", JsonSerializer.Serialize(config, FrugalJson.Options), status,
            JsonSerializer.Serialize(result, FrugalJson.Options), 1, "w", null);
    }

    [Fact]
    public void The_learning_rate_with_the_lowest_mean_validation_loss_is_kept_per_cell()
    {
        // lr 0.3 has the best test error but the worse validation loss: selection must not peek at the test set.
        var outcomes = StudyOutcomes.From(
        [
            Trial(1, 0.1, 0, valLoss: 0.40, testError: 12),
            Trial(2, 0.1, 1, valLoss: 0.42, testError: 13),
            Trial(3, 0.3, 0, valLoss: 0.39, testError: 10),
            Trial(4, 0.3, 1, valLoss: 0.50, testError: 11),
            Trial(5, 0.03, 0, valLoss: 0.60, testError: 15),
            Trial(6, 0.03, 1, valLoss: 0.61, testError: 16),
        ]);
        Assert.Equal(2, outcomes.Count);
        Assert.All(outcomes, o => Assert.Equal(0.1, o.Lr));
        Assert.Equal([12.0, 13.0], outcomes.Select(o => o.Metric!.Value).Order());
    }

    [Fact]
    public void A_learning_rate_that_diverged_on_any_seed_is_not_selected()
    {
        var outcomes = StudyOutcomes.From(
        [
            Trial(1, 0.1, 0, valLoss: 0.45, testError: 12),
            Trial(2, 0.3, 0, valLoss: 0.30, testError: 10),
            Trial(3, 0.3, 1, valLoss: double.NaN, testError: 0, TrialStatus.Diverged),
            Trial(4, 0.1, 1, valLoss: 0.46, testError: 12.5),
        ]);
        Assert.All(outcomes, o => Assert.Equal(0.1, o.Lr));
    }

    [Fact]
    public void Outcomes_name_the_setting_and_metric_and_leave_unfinished_trials_out()
    {
        var queued = Trial(9, 0.1, 2, 0.4, 12) with { Status = TrialStatus.Queued, ResultJson = null };
        var outcome = Assert.Single(StudyOutcomes.From([Trial(1, 0.1, 0, 0.4, 12.5), queued]));
        Assert.Equal("fashion-mnist/mlp", outcome.Setting);
        Assert.Equal("test error %", outcome.MetricName);
        Assert.Equal("rex", outcome.Schedule);
        Assert.Equal("sgdm", outcome.Optimizer);
        Assert.Equal(12.5, outcome.Metric);
    }
}
