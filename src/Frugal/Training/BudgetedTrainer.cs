using System.Diagnostics;
using System.Text.Json;
using Frugal.Data;
using Frugal.Models;
using Frugal.Optim;
using Frugal.Schedules;
using TorchSharp;
using static TorchSharp.torch;

namespace Frugal.Training;

/// <summary>Where a running trial is, for progress displays.</summary>
public readonly record struct TrainProgress(int Step, int TotalSteps, int Epoch, double Loss);

/// <summary>How to run (not what to train): checkpoints, resume, progress, cancellation.</summary>
public sealed record RunOptions
{
    public string? CheckpointDirectory { get; init; }
    public bool Resume { get; init; }
    public IProgress<TrainProgress>? Progress { get; init; }
    public CancellationToken Cancellation { get; init; }

    /// <summary>Also checkpoint every this many steps (epoch ends always are); 0 = only at epoch ends.</summary>
    public int CheckpointEvery { get; init; } = 200;

    /// <summary>Intra-op threads for libtorch; 0 leaves libtorch's default (all cores).</summary>
    public int Threads { get; init; }
}

/// <summary>
/// Trains one model under a budget of T = ceil(budget x full epochs x steps per epoch) steps, with the
/// schedule re-fitted to T and stepped after every optimizer step. Batches come in a fixed order per
/// (seed, epoch), so a run resumed from a checkpoint continues exactly where it stopped.
/// </summary>
public static class BudgetedTrainer
{
    public static TrainResult Run(TrainConfig config, DataSplit data, RunOptions? options = null)
    {
        Prepare(config, options);
        using var task = new ImageTask(config, data);
        return Train(config, task, options ?? new RunOptions());
    }

    /// <summary>A GPT (<see cref="ModelKind.Gpt"/>) pretrained on packed sequences: an epoch is one pass over them.</summary>
    public static TrainResult Run(TrainConfig config, GptTrialData data, RunOptions? options = null)
    {
        Prepare(config, options);
        using var task = new GptTask(config, data);
        return Train(config, task, options ?? new RunOptions());
    }

    // Seeded before the model is built: its initialisation draws from torch's RNG.
    private static void Prepare(TrainConfig config, RunOptions? options)
    {
        if (options?.Threads > 0) set_num_threads(options.Threads);
        manual_seed(config.Seed);
    }

    private static TrainResult Train(TrainConfig config, IBudgetedTask task, RunOptions options)
    {
        var model = task.Model;
        var trainCount = task.TrainCount;
        using var optimizer = OptimizerFactory.Create(config, task.Parameters);
        var stepsPerEpoch = (trainCount + config.BatchSize - 1) / config.BatchSize;
        var totalSteps = config.ComputeBudget.TotalSteps(stepsPerEpoch);
        var configJson = JsonSerializer.Serialize(config, FrugalJson.Options);

        var state = new TrainerState(0, 0, 0, 0, null, []);
        if (options is { Resume: true, CheckpointDirectory: { } resumeFrom })
            state = Checkpoint.Load(resumeFrom, configJson, model, optimizer) ?? state;

        var plateau = config.Schedule == ProfileKind.Plateau ? new PlateauLR(optimizer, config.Plateau) : null;
        if (plateau is not null && state.Plateau is { } saved) RestorePlateau(plateau, optimizer, saved);
        var scheduler = plateau is null ? new ScheduleLR(optimizer, config.ToSchedule(), totalSteps, state.StepsDone - 1) : null;

        var history = state.History.ToList();
        var (epochLossSum, epochBatches) = (state.EpochLossSum, state.EpochBatches);
        var clock = Stopwatch.StartNew();
        int[] order = [];
        model.train();

        for (var t = state.StepsDone; t < totalSteps; t++)
        {
            options.Cancellation.ThrowIfCancellationRequested();
            var (epoch, batch) = Math.DivRem(t, stepsPerEpoch);
            if (batch == 0 || order.Length == 0) order = BatchOrder.Permutation(trainCount, config.Seed, epoch);

            var lr = optimizer.ParamGroups.First().LearningRate;
            double loss;
            using (NewDisposeScope())
            {
                var start = batch * config.BatchSize;
                optimizer.zero_grad();
                var lossTensor = task.Loss(order.AsSpan(start, Math.Min(config.BatchSize, trainCount - start)));
                loss = lossTensor.item<float>();
                if (!double.IsFinite(loss))
                    return Diverged(config, t, trainCount, stepsPerEpoch, state.Seconds + clock.Elapsed.TotalSeconds, history);
                lossTensor.backward();
                task.BeforeStep();
                optimizer.step();
            }
            scheduler?.step();
            epochLossSum += loss;
            epochBatches++;
            options.Progress?.Report(new TrainProgress(t + 1, totalSteps, epoch, loss));

            var epochEnds = batch == stepsPerEpoch - 1 || t == totalSteps - 1;
            if (epochEnds)
            {
                var (valLoss, valError) = task.Evaluate(test: false);
                history.Add(new EpochMetrics(epoch + 1, t + 1, epochLossSum / epochBatches, valLoss, valError, lr));
                plateau?.step(valLoss);
                (epochLossSum, epochBatches) = (0, 0);
            }
            if (options.CheckpointDirectory is { } directory && t < totalSteps - 1
                && (epochEnds || (options.CheckpointEvery > 0 && (t + 1) % options.CheckpointEvery == 0)))
            {
                var seconds = state.Seconds + clock.Elapsed.TotalSeconds;
                Checkpoint.Save(directory, configJson, new TrainerState(t + 1, epochLossSum, epochBatches, seconds,
                    plateau?.Schedules[0].State, history), model, optimizer);
            }
        }

        var (testLoss, testError) = task.Evaluate(test: true);
        var totalSeconds = state.Seconds + clock.Elapsed.TotalSeconds;
        if (!double.IsFinite(testLoss))
            return Diverged(config, totalSteps, trainCount, stepsPerEpoch, totalSeconds, history);
        return new TrainResult(TrainResult.Done, testError, testLoss, (double)totalSteps / stepsPerEpoch, totalSteps,
            totalSeconds, SamplesPerSecond(totalSteps, config.BatchSize, trainCount, totalSeconds), null, history);
    }

    private static TrainResult Diverged(TrainConfig config, int step, int trainCount, int stepsPerEpoch, double seconds, List<EpochMetrics> history) =>
        new(TrainResult.Diverged, null, null, (double)step / stepsPerEpoch, step, seconds,
            SamplesPerSecond(step, config.BatchSize, trainCount, seconds), step, history);

    // The last batch of an epoch is short: count the examples the steps really saw.
    private static double SamplesPerSecond(int steps, int batchSize, int trainCount, double seconds)
    {
        var stepsPerEpoch = (trainCount + batchSize - 1) / batchSize;
        var (epochs, rest) = Math.DivRem(steps, stepsPerEpoch);
        var samples = (long)epochs * trainCount + Math.Min((long)rest * batchSize, trainCount);
        return seconds > 0 ? samples / seconds : 0;
    }

    private static void RestorePlateau(PlateauLR plateau, optim.Optimizer optimizer, PlateauState saved)
    {
        foreach (var schedule in plateau.Schedules) schedule.Restore(saved);
        foreach (var group in optimizer.ParamGroups) group.LearningRate = saved.LearningRate;
    }
}
