using Frugal.Alignment;
using Frugal.Models;
using Frugal.Tests.Models;
using static Frugal.Tests.Alignment.DpoLossAssert;
using static TorchSharp.torch;

namespace Frugal.Tests.Alignment;

[Collection(TorchGlobalState.Name)]
public class SequenceLogProbsTests
{
    /// <summary>Three rows of different lengths, right-padded with id 0; prompts of 3, 1 and 5 tokens.</summary>
    private static readonly (int[] Prompt, int[] Answer)[] Rows =
    [
        ([5, 6, 7], [8, 9, 10, 11]),
        ([12], [13, 14]),
        ([3, 1, 4, 1, 5], [9, 2, 6, 5, 3, 5]),
    ];

    /// <summary>One unpadded forward per scored token: log p(token | exactly its prefix), and that position's mean logit.</summary>
    private static (double LogProb, double Count, double LogitSum) Slow(Gpt model, int[] prompt, int[] answer)
    {
        int[] sequence = [.. prompt, .. answer];
        double logProb = 0, logitSum = 0;
        for (var i = prompt.Length; i < sequence.Length; i++)
        {
            using var scope = NewDisposeScope();
            var prefix = tensor(sequence.Take(i).Select(id => (long)id).ToArray()).unsqueeze(0);  // (1, i)
            var last = model.forward(prefix)[0, -1].to_type(ScalarType.Float64);  // (V)
            logProb += last.log_softmax(0)[sequence[i]].item<double>();
            logitSum += last.mean().item<double>();
        }
        return (logProb, answer.Length, logitSum);
    }

    [Theory]
    [InlineData(GptPositions.Rotary)]
    [InlineData(GptPositions.Learned)]
    public void Padded_batch_scores_equal_a_slow_per_token_loop(GptPositions positions)
    {
        using var scope = NewDisposeScope();
        manual_seed(11);
        var model = new Gpt(GptSteps.Tiny(positions));
        model.eval();
        var (ids, mask) = DpoBatch.Pad(Rows, padId: 0);
        Assert.Equal([3, 11], ids.shape);
        var scores = SequenceLogProbs.Compute(model, ids, mask);
        var logProbs = Values(scores.LogProbs);
        var counts = Values(scores.Counts);
        var logitSums = Values(scores.LogitSums);
        for (var r = 0; r < Rows.Length; r++)
        {
            var (logProb, count, logitSum) = Slow(model, Rows[r].Prompt, Rows[r].Answer);
            Close(logProb, logProbs[r], 1e-5);
            Assert.Equal(count, counts[r]);
            Close(logitSum, logitSums[r], 1e-4);
        }
        // The batch's mean logit is over every completion token of every row.
        var expectedMean = Enumerable.Range(0, Rows.Length).Sum(r => Slow(model, Rows[r].Prompt, Rows[r].Answer).LogitSum) / Rows.Sum(r => r.Answer.Length);
        Close(expectedMean, scores.MeanLogit(), 1e-4);
    }

    [Fact]
    public void Only_completion_tokens_carry_gradient_and_token_zero_is_never_scored()
    {
        using var scope = NewDisposeScope();
        manual_seed(12);
        var model = new Gpt(GptSteps.Tiny());
        var (ids, mask) = DpoBatch.Pad(Rows, padId: 0);
        mask[0, 0] = tensor(true);  // the first token has no prefix: marking it must change nothing
        var scores = SequenceLogProbs.Compute(model, ids, mask);
        Assert.Equal([4.0, 2, 6], Values(scores.Counts));
        Assert.True(scores.LogProbs.requires_grad);
        Assert.False(scores.LogitSums.requires_grad);
        Assert.All(Values(scores.LogProbs), lp => Assert.True(lp < 0));
    }

    [Fact]
    public void Rows_of_the_answer_mask_are_exactly_the_answer_positions()
    {
        using var scope = NewDisposeScope();
        var (ids, mask) = DpoBatch.Pad(Rows, padId: 31);
        var row1Ids = ids[1].data<long>().ToArray();
        var row1Mask = mask[1].data<bool>().ToArray();
        Assert.Equal([12L, 13, 14, 31, 31, 31, 31, 31, 31, 31, 31], row1Ids);
        Assert.Equal([false, true, true, false, false, false, false, false, false, false, false], row1Mask);
    }
}
