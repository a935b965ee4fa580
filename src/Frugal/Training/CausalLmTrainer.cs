using System.Diagnostics;
using Frugal.Data;
using Frugal.Models;
using Frugal.Optim;
using Frugal.Text;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Frugal.Training;

/// <summary>
/// The training loop every language-model trainer shares (pretraining, SFT): T optimizer steps over
/// sequences with loss masks, batch t being a pure function of (seed, t), so a run resumed from a checkpoint
/// replays exactly the batches it would have seen. Logs TRL's metrics every <see cref="CausalLmConfig.LoggingSteps"/>:
/// loss and mean_token_accuracy averaged over the steps since the last log (as Trainer does), num_tokens
/// cumulative (every id of every sequence, as TRL's attention_mask.sum() counts them), learning_rate the
/// rate the last step used, grad_norm its norm before clipping.
/// </summary>
public static class CausalLmTrainer
{
    /// <param name="identity">The run's options and data in one string; a checkpoint of another identity is not resumed.</param>
    public static CausalLmResult Run(Gpt model, int pad, IReadOnlyList<SftTokens> train, IReadOnlyList<SftTokens>? eval,
        CausalLmConfig config, string identity, CausalLmRunOptions? options = null)
    {
        options ??= new CausalLmRunOptions();
        var problems = config.Validate().ToList();
        if (train.Count == 0) problems.Add("no training sequences");
        if (problems.Count > 0) throw new ArgumentException(string.Join("; ", problems), nameof(config));

        using var optimizer = CreateOptimizer(model, config);
        var state = CausalLmState.Start;
        if (options is { Resume: true, Directory: { } from })
            state = CausalLmCheckpoint.Load(from, identity, model, optimizer) ?? state;
        var scheduler = new ScheduleLR(optimizer, config.ToSchedule(), config.TotalSteps, state.Step - 1);

        var history = state.LogHistory.ToList();
        var (numTokens, windowLoss, windowAccuracy, windowSteps, lossSum) =
            (state.NumTokens, state.WindowLoss, state.WindowAccuracy, state.WindowSteps, state.LossSum);
        var stepClock = new Stopwatch();
        var clock = Stopwatch.StartNew();
        LmLogEntry? lastEval = history.LastOrDefault(e => e.IsEval);
        int[] order = [];
        var orderEpoch = -1;
        model.train();

        for (var t = state.Step; t < config.TotalSteps; t++)
        {
            options.Cancellation.ThrowIfCancellationRequested();
            var (epoch, batchIndex) = Math.DivRem(t, config.StepsPerEpoch);
            if (epoch != orderEpoch) (order, orderEpoch) = (BatchOrder.Permutation(train.Count, config.Seed, epoch), epoch);
            var start = batchIndex * config.BatchSize;
            var rows = order.AsSpan(start, Math.Min(config.BatchSize, train.Count - start)).ToArray().Select(i => train[i]).ToList();
            var batch = CausalLmBatch.Build(rows, pad);
            var lr = optimizer.ParamGroups.First().LearningRate;

            double loss, accuracy, gradNorm;
            stepClock.Start();
            using (NewDisposeScope())
            {
                var (inputs, targets) = batch.ToTensors();  // (B, T) each
                optimizer.zero_grad();
                var (lossTensor, correct, counted) = CausalLmLoss.Compute(model.forward(inputs), targets);
                loss = lossTensor.item<float>();
                if (!double.IsFinite(loss)) return Diverged(t);
                lossTensor.backward();
                gradNorm = nn.utils.clip_grad_norm_(model.parameters(), config.MaxGradNorm);
                if (!double.IsFinite(gradNorm)) return Diverged(t);
                optimizer.step();
                accuracy = (double)correct.item<long>() / Math.Max(1, counted.item<long>());
            }
            scheduler.step();
            stepClock.Stop();

            numTokens += batch.SequenceTokens;
            (windowLoss, windowAccuracy, windowSteps) = (windowLoss + loss, windowAccuracy + accuracy, windowSteps + 1);
            lossSum += loss;
            var done = t + 1;
            var epochs = (double)done / config.StepsPerEpoch;
            if (done % config.LoggingSteps == 0 || done == config.TotalSteps)
            {
                Log(new LmLogEntry(done, epochs, new Dictionary<string, double>
                {
                    ["loss"] = windowLoss / windowSteps,
                    ["mean_token_accuracy"] = windowAccuracy / windowSteps,
                    ["num_tokens"] = numTokens,
                    ["learning_rate"] = lr,
                    ["grad_norm"] = gradNorm,
                }));
                (windowLoss, windowAccuracy, windowSteps) = (0, 0, 0);
            }
            if (eval is { Count: > 0 } && ((config.EvalEvery > 0 && done % config.EvalEvery == 0) || done == config.TotalSteps))
            {
                var (evalLoss, evalAccuracy) = Evaluate(model, pad, eval, config.BatchSize);
                var metrics = new Dictionary<string, double> { ["eval_loss"] = evalLoss, ["eval_mean_token_accuracy"] = evalAccuracy };
                if (config.ReportPerplexity) metrics["eval_perplexity"] = Math.Exp(evalLoss);
                lastEval = new LmLogEntry(done, epochs, metrics);
                Log(lastEval);
            }
            if (options.Directory is { } directory
                && ((config.CheckpointEvery > 0 && done % config.CheckpointEvery == 0) || done == config.TotalSteps))
            {
                var saved = Snapshot(done);
                CausalLmCheckpoint.Save(directory, identity, saved, model, optimizer);
                TrainerStateFile.Write(directory, saved.ToTrainerState(config));
            }
        }

        var final = Snapshot(config.TotalSteps);
        if (options.Directory is { } outDirectory) TrainerStateFile.Write(outDirectory, final.ToTrainerState(config));
        return Result(CausalLmResult.Done, config.TotalSteps, null);

        void Log(LmLogEntry entry)
        {
            history.Add(entry);
            options.OnLog?.Invoke(entry);
        }

        CausalLmState Snapshot(int step) => new(step, numTokens, windowLoss, windowAccuracy, windowSteps, lossSum,
            state.TrainSeconds + stepClock.Elapsed.TotalSeconds, state.Seconds + clock.Elapsed.TotalSeconds, [.. history]);

        CausalLmResult Diverged(int step) => Result(CausalLmResult.Diverged, step, step + 1);

        CausalLmResult Result(string status, int steps, int? divergedAt)
        {
            var trainSeconds = state.TrainSeconds + stepClock.Elapsed.TotalSeconds;
            var stepsTaken = Math.Max(1, steps);
            return new CausalLmResult(status, steps, state.Seconds + clock.Elapsed.TotalSeconds, numTokens,
                steps > 0 ? lossSum / stepsTaken : double.NaN, trainSeconds > 0 ? numTokens / trainSeconds : 0,
                history.LastOrDefault(e => !e.IsEval), lastEval, divergedAt, history);
        }
    }

    /// <summary>
    /// Loss and accuracy over every counted target of the held-out sequences, weighted by tokens (so exp of the
    /// loss is the perplexity), in eval mode without gradients; the model goes back to training mode after.
    /// </summary>
    public static (double Loss, double Accuracy) Evaluate(Gpt model, int pad, IReadOnlyList<SftTokens> sequences, int batchSize)
    {
        var wasTraining = model.training;
        model.eval();
        try
        {
            using var noGrad = no_grad();
            double lossSum = 0;
            long correct = 0, counted = 0;
            for (var start = 0; start < sequences.Count; start += batchSize)
            {
                using var scope = NewDisposeScope();
                var batch = CausalLmBatch.Build([.. sequences.Skip(start).Take(batchSize)], pad);
                var (inputs, targets) = batch.ToTensors();  // (B, T) each
                var (loss, right, count) = CausalLmLoss.Compute(model.forward(inputs), targets, sum: true);
                lossSum += loss.item<float>();
                correct += right.item<long>();
                counted += count.item<long>();
            }
            return counted > 0 ? (lossSum / counted, (double)correct / counted) : (double.NaN, double.NaN);
        }
        finally
        {
            model.train(wasTraining);
        }
    }

    /// <summary>
    /// AdamW with PyTorch's and Hugging Face's betas (<see cref="OptimizerFactory.Beta1"/>, <see cref="OptimizerFactory.Beta2"/>),
    /// decay on the matrices only: Trainer exempts biases and norm gains.
    /// </summary>
    private static OptimizerHelper CreateOptimizer(Gpt model, CausalLmConfig config)
    {
        const double beta1 = OptimizerFactory.Beta1, beta2 = OptimizerFactory.Beta2;
        var parameters = model.parameters().ToList();
        var decayed = parameters.Where(p => p.dim() >= 2).ToList();
        var exempt = parameters.Where(p => p.dim() < 2).ToList();
        var groups = new List<AdamW.ParamGroup> { new(decayed, lr: config.Lr, beta1: beta1, beta2: beta2, weight_decay: config.WeightDecay) };
        if (exempt.Count > 0) groups.Add(new(exempt, lr: config.Lr, beta1: beta1, beta2: beta2, weight_decay: 0));
        return new AdamW(groups, config.Lr, beta1: beta1, beta2: beta2, weight_decay: config.WeightDecay);
    }
}
