using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace Frugal.Training;

/// <summary>
/// Next-token cross-entropy over the targets that count (not <see cref="CausalLmBatch.Ignore"/>), and the
/// quantities TRL's mean_token_accuracy is made of: how many counted targets the argmax got right.
/// </summary>
public static class CausalLmLoss
{
    /// <param name="logits">(B, T, V).</param>
    /// <param name="targets">(B, T), int64, <see cref="CausalLmBatch.Ignore"/> where no loss.</param>
    /// <param name="sum">Sum over counted targets instead of their mean (evaluation adds batches up).</param>
    /// <returns>The loss (scalar, with gradient), correct and counted targets (scalar int64, no gradient).</returns>
    public static (Tensor Loss, Tensor Correct, Tensor Counted) Compute(Tensor logits, Tensor targets, bool sum = false)
    {
        var flatLogits = logits.reshape(-1, logits.shape[^1]);  // (B*T, V)
        var flatTargets = targets.reshape(-1);  // (B*T)
        var loss = cross_entropy(flatLogits, flatTargets, ignore_index: CausalLmBatch.Ignore,
            reduction: sum ? nn.Reduction.Sum : nn.Reduction.Mean);
        using var noGrad = no_grad();
        var counted = flatTargets.ne(CausalLmBatch.Ignore);
        var correct = flatLogits.argmax(-1).eq(flatTargets).logical_and(counted).sum();
        return (loss, correct, counted.sum());
    }
}
