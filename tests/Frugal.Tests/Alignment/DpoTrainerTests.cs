using Frugal.Alignment;
using Frugal.Models;
using Frugal.Tests.Models;
using Frugal.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace Frugal.Tests.Alignment;

[Collection(TorchGlobalState.Name)]
public class DpoTrainerTests
{
    private static readonly int Pad = ByteTokenizer.Instance.Pad;

    private static Gpt Model(long seed)
    {
        manual_seed(seed);
        return new Gpt(DpoFixtures.ByteGpt());
    }

    private static DpoData Precomputed(Gpt reference, IReadOnlyList<PreferenceTokens> pairs) =>
        new(pairs, ReferenceLogProbs.Compute(reference, pairs, Pad, 16));

    private static (double Chosen, double Rejected) LogProbs(Gpt model, PreferenceTokens pair)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        model.eval();
        using var batch = DpoBatch.Concatenate([pair], Pad);
        var (chosen, rejected) = batch.Score(model);
        return (chosen.LogProbs.item<float>(), rejected.LogProbs.item<float>());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void One_sigmoid_step_raises_the_chosen_and_lowers_the_rejected_log_probability(bool swapped)
    {
        var (prompt, yes, no) = DpoFixtures.YesPairs(1)[0];
        var pair = DpoFixtures.Tokenize([swapped ? (prompt, no, yes) : (prompt, yes, no)])[0];
        using var policy = Model(41);
        var data = Precomputed(policy, [pair]);
        var (chosenBefore, rejectedBefore) = LogProbs(policy, pair);
        using var trainer = new DpoTrainer(policy, new DpoConfig { Lr = 1e-3, BatchSize = 1, WarmupRatio = 0 }, data, Pad);

        var metrics = trainer.TrainStep([0]);

        var (chosenAfter, rejectedAfter) = LogProbs(policy, pair);
        Assert.True(chosenAfter > chosenBefore, $"chosen {chosenBefore} -> {chosenAfter}");
        Assert.True(rejectedAfter < rejectedBefore, $"rejected {rejectedBefore} -> {rejectedAfter}");
        // Before the step the policy is the reference: rewards 0, loss log 2.
        Assert.Equal(Math.Log(2), metrics[DpoMetrics.Loss], 5);
        Assert.Equal(0, metrics[DpoMetrics.RewardsMargins], 5);
        Assert.Equal(1e-3, metrics[DpoMetrics.LearningRate], 12);
        Assert.True(metrics[DpoMetrics.GradNorm] > 0);
        Assert.Equal(1, trainer.Step);
    }

    [Fact]
    public void A_step_with_the_reference_model_equals_a_step_with_precomputed_scores()
    {
        var pairs = DpoFixtures.Tokenize(DpoFixtures.YesPairs(4));
        var config = new DpoConfig { Lr = 1e-3, BatchSize = 4, Loss = new DpoOptions(Loss: DpoLossKind.Ipo) };
        using var reference = Model(42);
        using var policyA = Model(43);
        using var policyB = Model(43);
        using var withScores = new DpoTrainer(policyA, config, Precomputed(reference, pairs), Pad);
        using var withModel = new DpoTrainer(policyB, config, new DpoData(pairs), Pad, reference);
        for (var t = 0; t < 3; t++)
        {
            var a = withScores.TrainStep([0, 1, 2, 3]);
            var b = withModel.TrainStep([0, 1, 2, 3]);
            foreach (var name in a.Keys) Assert.Equal(a[name], b[name], 4);
        }
    }

    [Fact]
    public void Shared_prompt_and_concatenated_layouts_take_the_same_steps()
    {
        var pairs = DpoFixtures.Tokenize(DpoFixtures.YesPairs(4));
        var config = new DpoConfig { Lr = 1e-3, BatchSize = 4 };
        Assert.Equal(DpoBatchLayout.SharedPrompt, config.BatchLayout);
        using var reference = Model(47);
        using var policyA = Model(48);
        using var policyB = Model(48);
        using var shared = new DpoTrainer(policyA, config, Precomputed(reference, pairs), Pad);
        using var concatenated = new DpoTrainer(policyB, config with { BatchLayout = DpoBatchLayout.Concatenated }, Precomputed(reference, pairs), Pad);
        var margins = new List<double>();
        for (var t = 0; t < 3; t++)
        {
            var a = shared.TrainStep([0, 1, 2, 3]);
            var b = concatenated.TrainStep([0, 1, 2, 3]);
            foreach (var name in a.Keys) Assert.Equal(b[name], a[name], 4);
            margins.Add(a[DpoMetrics.RewardsMargins]);
        }
        Assert.True(Math.Abs(margins[^1]) > 1e-3, $"margins {string.Join(", ", margins)}: the policies never left the reference");
    }

    [Fact]
    public void Training_on_yes_preferences_raises_held_out_reward_accuracy_above_a_half()
    {
        using var policy = Model(44);
        var train = DpoFixtures.Tokenize(DpoFixtures.YesPairs(48));
        var heldOut = DpoFixtures.Tokenize(DpoFixtures.YesPairs(16, first: 1000));
        var trainData = Precomputed(policy, train);
        var evalData = Precomputed(policy, heldOut);
        var config = new DpoConfig { Lr = 3e-3, BatchSize = 8, Epochs = 5, LoggingSteps = 5, EvalSteps = 10, Seed = 1 };
        using var trainer = new DpoTrainer(policy, config, trainData, Pad);
        var before = trainer.Evaluate(evalData);

        var result = trainer.Train(evalData);

        Assert.Equal(DpoResult.Completed, result.Status);
        Assert.Equal(30, result.Steps);
        Assert.Equal(0, before["eval_rewards/accuracies"]);  // policy = reference: every reward is 0, no pair is won
        Assert.True(result.Final["eval_rewards/accuracies"] >= 0.9, $"held-out accuracy {result.Final["eval_rewards/accuracies"]}");
        Assert.True(result.Final["eval_rewards/margins"] > 0);
        Assert.True(result.Final["eval_loss"] < Math.Log(2));
        foreach (var name in new[] { "loss", "rewards/chosen", "rewards/rejected", "rewards/margins", "rewards/accuracies",
                     "logps/chosen", "logps/rejected", "logits/chosen", "logits/rejected", "learning_rate", "grad_norm" })
            Assert.True(result.Final.ContainsKey(name), $"final metrics lack {name}");
        // Logs at steps 5, 10, ..., 30; evaluations at 10, 20 and the end.
        Assert.Equal([5, 10, 10, 15, 20, 20, 25, 30, 30], result.LogHistory.Select(e => (int)e["step"]));
        Assert.Equal(3, result.LogHistory.Count(e => e.ContainsKey("eval_loss")));
    }

    [Fact]
    public void Same_seed_gives_the_same_numbers_and_live_tensors_stay_flat()
    {
        var pairs = DpoFixtures.Tokenize(DpoFixtures.YesPairs(12));
        var config = new DpoConfig { Lr = 1e-3, BatchSize = 4, Epochs = 1, LoggingSteps = 1, Seed = 3 };
        IReadOnlyList<IReadOnlyDictionary<string, double>> Run()
        {
            using var policy = Model(45);
            using var trainer = new DpoTrainer(policy, config, Precomputed(policy, pairs), Pad);
            return trainer.Train().LogHistory;
        }
        var first = Run();
        var second = Run();
        Assert.Equal(first.Count, second.Count);
        for (var i = 0; i < first.Count; i++) Assert.Equal(first[i], second[i]);

        using var model = Model(46);
        using var flat = new DpoTrainer(model, config with { MinSteps = 30 }, Precomputed(model, pairs), Pad);
        var statistics = DisposeScopeManager.Statistics.TensorStatistics;
        for (var t = 0; t < 3; t++) flat.TrainStep(flat.BatchIndices(t));
        var live = statistics.ThreadTotalLiveCount;
        for (var t = 3; t < 20; t++) flat.TrainStep(flat.BatchIndices(t));
        Assert.Equal(live, statistics.ThreadTotalLiveCount);
    }
}
