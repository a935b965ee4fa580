using Frugal.Training;
using static TorchSharp.torch;

namespace Frugal.Tests.Training;

public class CausalLmLossTests
{
    [Fact]
    public void Loss_and_token_accuracy_match_a_hand_computation_over_counted_targets_only()
    {
        // One row, four positions, three classes; position 2 is not counted.
        float[,] logits = { { 2, 0, 0 }, { 0, 1, 0 }, { 5, 0, 0 }, { 0, 0, 3 } };
        long[] targets = [0, 2, 1, 2];
        long[] counted = [0, 1, 3];   // argmax is 0, 1, 0, 2: right at 0 and 3, wrong at 1; 2 is ignored
        targets[2] = CausalLmBatch.Ignore;

        using var scope = NewDisposeScope();
        var (loss, correct, count) = CausalLmLoss.Compute(tensor(logits).reshape(1, 4, 3), tensor(targets).reshape(1, 4));

        double expected = 0;
        foreach (var i in counted)
        {
            var logSum = Math.Log(Enumerable.Range(0, 3).Sum(c => Math.Exp(logits[i, c])));
            expected += logSum - logits[i, targets[i]];
        }
        expected /= counted.Length;
        Assert.Equal(expected, loss.item<float>(), 5);
        Assert.Equal(2L, correct.item<long>());
        Assert.Equal(3L, count.item<long>());
        Assert.Equal(2.0 / 3, (double)correct.item<long>() / count.item<long>(), 12);

        var (sum, _, _) = CausalLmLoss.Compute(tensor(logits).reshape(1, 4, 3), tensor(targets).reshape(1, 4), sum: true);
        Assert.Equal(expected * 3, sum.item<float>(), 4);
    }
}
