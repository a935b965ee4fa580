using static TorchSharp.torch;

namespace Frugal.Alignment;

/// <summary>The per-step DPO metrics under TRL's names, so logs read like a TRL run's.</summary>
public static class DpoMetrics
{
    public const string RewardsChosen = "rewards/chosen";
    public const string RewardsRejected = "rewards/rejected";
    public const string RewardsMargins = "rewards/margins";
    public const string RewardsAccuracies = "rewards/accuracies";
    public const string LogpsChosen = "logps/chosen";
    public const string LogpsRejected = "logps/rejected";

    // Logged by the trainer, beside the loss function's metrics above.
    public const string LogitsChosen = "logits/chosen";
    public const string LogitsRejected = "logits/rejected";
    public const string Loss = "loss";
    public const string LearningRate = "learning_rate";
    public const string GradNorm = "grad_norm";

    /// <summary>TRL's prefix for metrics on held-out pairs: eval_loss, eval_rewards/accuracies, ...</summary>
    public const string EvalPrefix = "eval_";

    public static IReadOnlyList<string> Names { get; } =
        [RewardsChosen, RewardsRejected, RewardsMargins, RewardsAccuracies, LogpsChosen, LogpsRejected];

    /// <summary>Means over the batch; accuracy is the fraction of pairs whose chosen reward is strictly higher.</summary>
    /// <param name="policyChosen">The policy's summed log-probabilities of the chosen completions, (B).</param>
    /// <param name="policyRejected">The same for the rejected completions, (B).</param>
    public static IReadOnlyDictionary<string, double> From(DpoLossOutput output, Tensor policyChosen, Tensor policyRejected)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var chosen = output.ChosenRewards;
        var rejected = output.RejectedRewards;
        return new Dictionary<string, double>
        {
            [RewardsChosen] = Mean(chosen),
            [RewardsRejected] = Mean(rejected),
            [RewardsMargins] = Mean(chosen - rejected),
            [RewardsAccuracies] = Mean(chosen.gt(rejected)),
            [LogpsChosen] = Mean(policyChosen),
            [LogpsRejected] = Mean(policyRejected),
        };
    }

    private static double Mean(Tensor t) => t.to_type(ScalarType.Float64).mean().item<double>();
}
