using Frugal.Models;
using Frugal.Schedules;
using Frugal.Tests.Models;
using Frugal.Training;
using TorchSharp;

namespace Frugal.Tests.Training;

[Collection(TorchGlobalState.Name)]
public class BudgetedTrainerTests
{
    private static readonly TrainConfig Tiny = new()
    {
        Model = ModelKind.Mlp,
        Optimizer = OptimizerKind.Sgdm,
        Lr = 0.05,
        Schedule = ProfileKind.Rex,
        Budget = 1,
        FullEpochs = 6,
        BatchSize = 16,
        Seed = 3,
    };

    [Fact]
    public void Trains_for_exactly_the_budgeted_steps_and_learns()
    {
        var data = TinyImages.Split();
        var result = BudgetedTrainer.Run(Tiny with { Budget = 0.5 }, data);
        var stepsPerEpoch = (data.Train.Count + 15) / 16;
        Assert.Equal(TrainResult.Done, result.Status);
        Assert.Equal((int)Math.Ceiling(0.5 * 6 * stepsPerEpoch), result.Steps);
        Assert.Equal(3, result.History.Count);
        Assert.True(result.History[^1].TrainLoss < result.History[0].TrainLoss * 0.7, $"train loss {result.History[0].TrainLoss} -> {result.History[^1].TrainLoss}");
        Assert.True(result.TestError < 30, $"test error {result.TestError}% on a separable toy set");
    }

    [Fact]
    public void The_schedule_is_refitted_to_the_budget()
    {
        var data = TinyImages.Split();
        var full = BudgetedTrainer.Run(Tiny with { Schedule = ProfileKind.Linear }, data);
        // The lr logged for the last step of each epoch follows linear decay over T: at step s it is lr (1 - (s-1)/T).
        foreach (var epoch in full.History)
            Assert.Equal(Tiny.Lr * (1 - (epoch.Step - 1) / (double)full.Steps), epoch.Lr, 12);
    }

    [Fact]
    public void Same_seed_same_numbers()
    {
        var data = TinyImages.Split();
        var a = BudgetedTrainer.Run(Tiny with { Budget = 0.3 }, data);
        var b = BudgetedTrainer.Run(Tiny with { Budget = 0.3 }, data);
        Assert.Equal(a.TestLoss, b.TestLoss);
        Assert.Equal(a.History.Select(h => h.TrainLoss), b.History.Select(h => h.TrainLoss));
        var other = BudgetedTrainer.Run(Tiny with { Budget = 0.3, Seed = 4 }, data);
        Assert.NotEqual(a.TestLoss, other.TestLoss);
    }

    [Fact]
    public void A_diverging_run_stops_and_says_at_which_step()
    {
        var result = BudgetedTrainer.Run(Tiny with { Lr = 1e30 }, TinyImages.Split());
        Assert.Equal(TrainResult.Diverged, result.Status);
        Assert.NotNull(result.DivergedAtStep);
        Assert.True(result.Steps < 6 * 23, $"stopped at step {result.Steps}");
        Assert.Null(result.TestError);
    }

    [Theory]
    [InlineData(ModelKind.Mlp, OptimizerKind.Adam, ProfileKind.OneCycle)]
    [InlineData(ModelKind.Vae, OptimizerKind.Adam, ProfileKind.Cosine)]
    [InlineData(ModelKind.Cnn, OptimizerKind.Sgdm, ProfileKind.Plateau)]
    public void Resuming_from_a_checkpoint_gives_the_numbers_of_an_uninterrupted_run(ModelKind model, OptimizerKind optimizer, ProfileKind schedule)
    {
        var data = TinyImages.Split();
        var config = Tiny with { Model = model, Optimizer = optimizer, Schedule = schedule, Lr = optimizer == OptimizerKind.Adam ? 3e-3 : 0.05, FullEpochs = 3 };
        var uninterrupted = BudgetedTrainer.Run(config, data);

        var directory = Directory.CreateTempSubdirectory("frugal-ckpt-").FullName;
        try
        {
            using var stop = new CancellationTokenSource();
            var stopAt = uninterrupted.Steps / 2 + 3;   // mid-epoch, a few steps after a checkpoint
            var progress = new SynchronousProgress(p => { if (p.Step == stopAt) stop.Cancel(); });
            Assert.Throws<OperationCanceledException>(() => BudgetedTrainer.Run(config, data,
                new RunOptions { CheckpointDirectory = directory, CheckpointEvery = 7, Progress = progress, Cancellation = stop.Token }));
            Assert.True(File.Exists(Path.Combine(directory, Checkpoint.FileName)));

            var resumed = BudgetedTrainer.Run(config, data, new RunOptions { CheckpointDirectory = directory, Resume = true });
            Assert.Equal(uninterrupted.TestLoss, resumed.TestLoss);
            Assert.Equal(uninterrupted.TestError, resumed.TestError);
            Assert.Equal(uninterrupted.History.Select(h => (h.TrainLoss, h.ValLoss, h.Lr)), resumed.History.Select(h => (h.TrainLoss, h.ValLoss, h.Lr)));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void A_checkpoint_from_other_options_is_refused()
    {
        var data = TinyImages.Split();
        var directory = Directory.CreateTempSubdirectory("frugal-ckpt-").FullName;
        try
        {
            BudgetedTrainer.Run(Tiny with { Budget = 0.5 }, data, new RunOptions { CheckpointDirectory = directory });
            var error = Assert.Throws<BadInputException>(() =>
                BudgetedTrainer.Run(Tiny with { Budget = 0.5, Lr = 0.01 }, data, new RunOptions { CheckpointDirectory = directory, Resume = true }));
            Assert.Contains("different run configuration", error.Message);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Live_tensors_do_not_grow_with_the_number_of_steps()
    {
        var data = TinyImages.Split();
        BudgetedTrainer.Run(Tiny with { Budget = 0.1 }, data);   // warm up lazily created tensors
        var before = DisposeScopeManager.Statistics.TensorStatistics.ThreadTotalLiveCount;
        BudgetedTrainer.Run(Tiny with { Budget = 1 }, data);
        var after = DisposeScopeManager.Statistics.TensorStatistics.ThreadTotalLiveCount;
        Assert.True(after - before <= 2, $"{after - before} tensors outlived a {Tiny.FullEpochs}-epoch run");
    }

    private sealed class SynchronousProgress(Action<TrainProgress> report) : IProgress<TrainProgress>
    {
        public void Report(TrainProgress value) => report(value);
    }
}
