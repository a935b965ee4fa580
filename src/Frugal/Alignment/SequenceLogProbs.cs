using Frugal.Models;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace Frugal.Alignment;

/// <summary>
/// Per-sequence scores of completions under a language model, what DPO compares: the sum of
/// log p(token | prefix) over the completion tokens, their count, and the sum over those tokens of the
/// logits averaged over the vocabulary (so a batch's TRL logits/chosen is <c>LogitSums.sum() / Counts.sum()</c>).
/// </summary>
/// <param name="LogProbs">Summed completion log-probabilities, (B); carries the gradient when the forward did.</param>
/// <param name="Counts">Completion tokens scored per sequence, (B), float.</param>
/// <param name="LogitSums">Per sequence, the sum over completion tokens of the mean logit over the vocabulary, (B), detached.</param>
public sealed record SequenceScores(Tensor LogProbs, Tensor Counts, Tensor LogitSums)
{
    /// <summary>Rows [start, start + length): the chosen or the rejected half of a concatenated batch.</summary>
    public SequenceScores Rows(long start, long length) =>
        new(LogProbs.narrow(0, start, length), Counts.narrow(0, start, length), LogitSums.narrow(0, start, length));

    /// <summary>TRL's logits/chosen (or /rejected): the mean logit over every completion token of the batch and the vocabulary.</summary>
    public double MeanLogit()
    {
        using var scope = NewDisposeScope();
        var tokens = Counts.sum().item<float>();
        return tokens > 0 ? LogitSums.to_type(ScalarType.Float64).sum().item<double>() / tokens : 0;
    }
}

public static class SequenceLogProbs
{
    /// <summary>Scores padded sequences with one forward of <paramref name="model"/> (train or eval mode, gradients as the caller set them).</summary>
    /// <param name="ids">Token ids (B, T), long; padding anywhere the mask is false.</param>
    /// <param name="completionMask">
    /// (B, T), bool: whether token i is a completion token to score. Token 0 has no prefix, so it is never scored.
    /// </param>
    public static SequenceScores Compute(Gpt model, Tensor ids, Tensor completionMask)
    {
        var t = ids.shape[1];
        if (t < 2) throw new ArgumentException($"sequences need at least 2 tokens to score one, got {t}", nameof(ids));
        var logits = model.forward(ids.narrow(1, 0, t - 1));  // (B, T-1, V): position i predicts token i+1
        return FromLogits(logits, ids.narrow(1, 1, t - 1), completionMask.narrow(1, 1, t - 1));
    }

    /// <summary>Scores from next-token logits already aligned with their targets.</summary>
    /// <param name="logits">(B, T, V).</param>
    /// <param name="targets">(B, T), long: the token each position predicts.</param>
    /// <param name="mask">(B, T), bool: which targets count.</param>
    public static SequenceScores FromLogits(Tensor logits, Tensor targets, Tensor mask)
    {
        using var scope = NewDisposeScope();
        var (b, t, v) = (logits.shape[0], logits.shape[1], logits.shape[2]);
        // cross_entropy fuses log_softmax and the gather, so the (B, T, V) log-probabilities are never kept for backward.
        var tokenLogProbs = -cross_entropy(logits.reshape(b * t, v), targets.reshape(b * t), reduction: nn.Reduction.None).reshape(b, t);  // (B, T)
        var weights = mask.to_type(tokenLogProbs.dtype);  // (B, T)
        var logProbs = (tokenLogProbs * weights).sum(1);  // (B)
        var counts = weights.sum(1);  // (B)
        Tensor logitSums;
        using (no_grad()) logitSums = (logits.detach().mean([2]) * weights).sum(1);  // (B)
        scope.MoveToOuter(logProbs, counts, logitSums);
        return new SequenceScores(logProbs, counts, logitSums);
    }

    /// <summary>Scores from the logits of just the scored tokens, each tagged with its sequence.</summary>
    /// <param name="logits">(N, V): the logits that predict each scored token.</param>
    /// <param name="targets">(N), long: the scored tokens.</param>
    /// <param name="sequences">(N), long in [0, count): the sequence each token belongs to.</param>
    /// <param name="count">Sequences; one with no scored token scores 0 over 0 tokens.</param>
    public static SequenceScores FromPredictions(Tensor logits, Tensor targets, Tensor sequences, int count)
    {
        using var scope = NewDisposeScope();
        var tokenLogProbs = -cross_entropy(logits, targets, reduction: nn.Reduction.None);  // (N)
        var sums = zeros(count, dtype: tokenLogProbs.dtype, device: logits.device);  // (count)
        var logProbs = sums.index_add(0, sequences, tokenLogProbs, 1);  // (count)
        var counts = sums.index_add(0, sequences, ones_like(tokenLogProbs), 1);  // (count)
        Tensor logitSums;
        using (no_grad()) logitSums = sums.index_add(0, sequences, logits.detach().mean([1]), 1);  // (count)
        scope.MoveToOuter(logProbs, counts, logitSums);
        return new SequenceScores(logProbs, counts, logitSums);
    }
}
