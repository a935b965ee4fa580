using System.Diagnostics;
using Frugal.Data;
using Frugal.Models;
using Frugal.Optim;
using Frugal.Training;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Frugal.Alignment;

/// <summary>
/// Direct Preference Optimization of a <see cref="Gpt"/> policy as TRL's DPOTrainer does it: each step scores a batch
/// of pairs with one policy forward (by default one row a pair, the prompt shared by both answers, see
/// <see cref="SharedPromptBatch"/>; or TRL's [chosen; rejected]), takes the reference's scores from the precomputed
/// <see cref="DpoData.Reference"/> (or, without them, from a no-grad forward of the frozen reference model), and
/// applies the configured <see cref="DpoLoss"/>; AdamW, grad-norm clipping, the learning rate from a Frugal schedule.
/// </summary>
public sealed class DpoTrainer : IDisposable
{
    private readonly Gpt policy;
    private readonly Gpt? reference;
    private readonly DpoData train;
    private readonly int padId;
    private readonly OptimizerHelper optimizer;
    private readonly ScheduleLR scheduler;
    private readonly IReadOnlyList<Parameter> parameters;

    /// <param name="reference">The frozen reference; needed only when <paramref name="train"/> (or evaluation data) has no reference scores.</param>
    public DpoTrainer(Gpt policy, DpoConfig config, DpoData train, int padId, Gpt? reference = null)
    {
        var problems = config.Validate().ToList();
        if (train.Count == 0) problems.Add("the training data holds no preference pairs");
        if (train.Reference is null && reference is null) problems.Add("without precomputed reference log-probabilities a reference model is needed");
        if (train.Reference is { } r && r.Count != train.Count) problems.Add($"{r.Count} reference scores for {train.Count} pairs");
        if (problems.Count > 0) throw new ArgumentException(string.Join("; ", problems), nameof(config));
        this.policy = policy;
        this.reference = reference;
        this.train = train;
        this.padId = padId;
        Config = config;
        StepsPerEpoch = config.StepsPerEpoch(train.Count);
        MaxSteps = config.TotalSteps(train.Count);
        parameters = [.. policy.parameters()];
        optimizer = optim.AdamW(parameters, config.Lr, weight_decay: config.WeightDecay);
        scheduler = new ScheduleLR(optimizer, config.ToSchedule(MaxSteps), MaxSteps);
        reference?.eval();
    }

    public DpoConfig Config { get; }
    public int StepsPerEpoch { get; }
    public int MaxSteps { get; }

    /// <summary>Optimizer steps taken so far.</summary>
    public int Step { get; private set; }

    /// <summary>The pairs step t trains on: epoch t / stepsPerEpoch's permutation of the data, a pure function of (seed, t).</summary>
    public int[] BatchIndices(int t)
    {
        var order = BatchOrder.Permutation(train.Count, Config.Seed, t / StepsPerEpoch);
        var start = t % StepsPerEpoch * Config.BatchSize;
        return order[start..Math.Min(train.Count, start + Config.BatchSize)];
    }

    /// <summary>
    /// One optimizer step on the given pairs; returns the step's metrics under TRL's names. A non-finite loss
    /// takes no step and comes back as a NaN or infinite "loss".
    /// </summary>
    public Dictionary<string, double> TrainStep(IReadOnlyList<int> indices)
    {
        using var scope = NewDisposeScope();
        policy.train();
        var learningRate = optimizer.ParamGroups.First().LearningRate;
        optimizer.zero_grad();
        var pairs = indices.Select(i => train.Pairs[i]).ToList();
        using var batch = Config.BatchLayout.Build(pairs, padId);
        var (chosen, rejected) = batch.Score(policy);
        var (referenceChosen, referenceRejected) = ReferenceLogps(train, indices, batch, chosen.LogProbs.dtype);
        var output = DpoLoss.Compute(chosen.LogProbs, rejected.LogProbs, referenceChosen, referenceRejected, Config.Loss, chosen.Counts, rejected.Counts);
        var metrics = Metrics(output, chosen, rejected);
        if (!double.IsFinite(metrics[DpoMetrics.Loss])) return metrics;
        output.Loss.backward();
        metrics[DpoMetrics.GradNorm] = nn.utils.clip_grad_norm_(parameters, Config.MaxGradNorm);
        metrics[DpoMetrics.LearningRate] = learningRate;
        optimizer.step();
        scheduler.step();
        Step++;
        return metrics;
    }

    /// <summary>Held-out metrics with TRL's eval_ prefix: per-pair means over the whole set, the policy in eval mode.</summary>
    public Dictionary<string, double> Evaluate(DpoData data)
    {
        if (data.Reference is null && reference is null)
            throw new ArgumentException("evaluation data without reference scores needs the reference model", nameof(data));
        var wasTraining = policy.training;
        policy.eval();
        try
        {
            using var noGrad = no_grad();
            var sums = new Dictionary<string, double>();
            double chosenLogits = 0, rejectedLogits = 0, chosenTokens = 0, rejectedTokens = 0;
            for (var start = 0; start < data.Count; start += Config.BatchSize)
            {
                using var scope = NewDisposeScope();
                var indices = Enumerable.Range(start, Math.Min(Config.BatchSize, data.Count - start)).ToArray();
                using var batch = Config.BatchLayout.Build([.. indices.Select(i => data.Pairs[i])], padId);
                var (chosen, rejected) = batch.Score(policy);
                var (referenceChosen, referenceRejected) = ReferenceLogps(data, indices, batch, chosen.LogProbs.dtype);
                var output = DpoLoss.Compute(chosen.LogProbs, rejected.LogProbs, referenceChosen, referenceRejected, Config.Loss, chosen.Counts, rejected.Counts);
                foreach (var (name, value) in Metrics(output, chosen, rejected))
                    sums[name] = sums.GetValueOrDefault(name) + value * indices.Length;
                chosenLogits += chosen.LogitSums.sum().item<float>();
                rejectedLogits += rejected.LogitSums.sum().item<float>();
                chosenTokens += chosen.Counts.sum().item<float>();
                rejectedTokens += rejected.Counts.sum().item<float>();
            }
            var means = sums.ToDictionary(kv => DpoMetrics.EvalPrefix + kv.Key, kv => kv.Value / data.Count);
            // Logits are means over tokens, as in TRL, not over pairs.
            means[DpoMetrics.EvalPrefix + DpoMetrics.LogitsChosen] = chosenTokens > 0 ? chosenLogits / chosenTokens : 0;
            means[DpoMetrics.EvalPrefix + DpoMetrics.LogitsRejected] = rejectedTokens > 0 ? rejectedLogits / rejectedTokens : 0;
            return means;
        }
        finally
        {
            policy.train(wasTraining);
        }
    }

    /// <summary>
    /// Runs the remaining steps up to <see cref="MaxSteps"/>, logging every <see cref="DpoConfig.LoggingSteps"/> steps
    /// and evaluating on <paramref name="eval"/> every <see cref="DpoConfig.EvalSteps"/> steps and at the end.
    /// </summary>
    public DpoResult Train(DpoData? eval = null, IProgress<TrainProgress>? progress = null, CancellationToken cancellation = default)
    {
        manual_seed(Config.Seed);
        var clock = Stopwatch.StartNew();
        var history = new List<IReadOnlyDictionary<string, double>>();
        var window = new Dictionary<string, double>();
        var windowSteps = 0;
        var final = new Dictionary<string, double>();
        while (Step < MaxSteps)
        {
            cancellation.ThrowIfCancellationRequested();
            var t = Step;
            var metrics = TrainStep(BatchIndices(t));
            var loss = metrics[DpoMetrics.Loss];
            if (!double.IsFinite(loss))
            {
                history.Add(Entry(t + 1, new Dictionary<string, double>(metrics)));
                return new DpoResult(DpoResult.Diverged, t, MaxSteps, Epoch(t), clock.Elapsed.TotalSeconds, metrics, history, t + 1);
            }
            foreach (var (name, value) in metrics) window[name] = window.GetValueOrDefault(name) + value;
            windowSteps++;
            progress?.Report(new TrainProgress(Step, MaxSteps, t / StepsPerEpoch, loss));
            if (Step % Config.LoggingSteps == 0 || Step == MaxSteps)
            {
                var logged = window.ToDictionary(kv => kv.Key, kv => kv.Value / windowSteps);
                // TRL logs the learning rate of the last step, not an average.
                logged[DpoMetrics.LearningRate] = metrics[DpoMetrics.LearningRate];
                history.Add(Entry(Step, logged));
                final = logged;
                window.Clear();
                windowSteps = 0;
            }
            if (eval is not null && Config.EvalSteps > 0 && Step % Config.EvalSteps == 0 && Step < MaxSteps)
                history.Add(Entry(Step, Evaluate(eval)));
        }
        if (eval is not null)
        {
            var evaluation = Evaluate(eval);
            history.Add(Entry(Step, evaluation));
            foreach (var (name, value) in evaluation) final[name] = value;
        }
        return new DpoResult(DpoResult.Completed, Step, MaxSteps, Epoch(Step), clock.Elapsed.TotalSeconds, final, history);
    }

    public void Dispose()
    {
        optimizer.Dispose();
    }

    private double Epoch(int step) => (double)step / StepsPerEpoch;

    private Dictionary<string, double> Entry(int step, Dictionary<string, double> metrics)
    {
        var entry = new Dictionary<string, double> { ["step"] = step, ["epoch"] = Math.Round(Epoch(step), 4) };
        foreach (var (name, value) in metrics) entry[name] = value;
        return entry;
    }

    /// <summary>(B) reference scores of the chosen and the rejected answers of the batch, in the policy's dtype.</summary>
    private (Tensor Chosen, Tensor Rejected) ReferenceLogps(DpoData data, IReadOnlyList<int> indices, IPreferenceBatch batch, ScalarType dtype)
    {
        if (data.Reference is { } scores)
        {
            return (tensor(indices.Select(i => scores.Chosen[i]).ToArray()).to_type(dtype),
                tensor(indices.Select(i => scores.Rejected[i]).ToArray()).to_type(dtype));
        }
        using var noGrad = no_grad();
        var (chosen, rejected) = batch.Score(reference!);
        return (chosen.LogProbs, rejected.LogProbs);
    }

    private static Dictionary<string, double> Metrics(DpoLossOutput output, SequenceScores chosen, SequenceScores rejected)
    {
        var metrics = new Dictionary<string, double>(DpoMetrics.From(output, chosen.LogProbs.detach(), rejected.LogProbs.detach()))
        {
            [DpoMetrics.LogitsChosen] = chosen.MeanLogit(),
            [DpoMetrics.LogitsRejected] = rejected.MeanLogit(),
            [DpoMetrics.Loss] = output.Loss.item<float>(),
        };
        return metrics;
    }
}
