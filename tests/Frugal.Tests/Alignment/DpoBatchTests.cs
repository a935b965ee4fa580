using Frugal.Alignment;
using Frugal.Tests.Models;
using Frugal.Text;
using Frugal.Models;
using static Frugal.Tests.Alignment.DpoLossAssert;
using static TorchSharp.torch;

namespace Frugal.Tests.Alignment;

[Collection(TorchGlobalState.Name)]
public class DpoBatchTests
{
    private static readonly PreferenceTokens[] Pairs =
    [
        new([5, 6, 7], [8, 9, 1], [10, 1]),
        new([12], [13, 14, 15, 16, 1], [17, 1]),
        new([3, 1, 4, 1, 5], [9, 1], [2, 6, 5, 3, 1]),
    ];

    [Fact]
    public void Concatenated_batch_holds_chosen_rows_then_rejected_rows()
    {
        using var scope = NewDisposeScope();
        using var batch = DpoBatch.Concatenate(Pairs, padId: 0);
        Assert.Equal([6, 10], batch.Ids.shape);
        Assert.Equal(3, batch.Pairs);
        Assert.Equal([12L, 13, 14, 15, 16, 1, 0, 0, 0, 0], batch.Ids[1].data<long>().ToArray());
        Assert.Equal([12L, 17, 1, 0, 0, 0, 0, 0, 0, 0], batch.Ids[4].data<long>().ToArray());
        Assert.Equal([3.0, 5, 2, 2, 2, 5], Values(batch.CompletionMask.sum(1)));
    }

    [Fact]
    public void One_concatenated_forward_equals_separate_chosen_and_rejected_forwards()
    {
        using var scope = NewDisposeScope();
        manual_seed(21);
        var model = new Gpt(GptSteps.Tiny());
        model.eval();
        using var batch = DpoBatch.Concatenate(Pairs, padId: 0);
        var (chosen, rejected) = batch.Score(model);

        var (chosenIds, chosenMask) = DpoBatch.Pad([.. Pairs.Select(p => (p.Prompt, p.Chosen))], 0);
        var (rejectedIds, rejectedMask) = DpoBatch.Pad([.. Pairs.Select(p => (p.Prompt, p.Rejected))], 0);
        var chosenAlone = SequenceLogProbs.Compute(model, chosenIds, chosenMask);
        var rejectedAlone = SequenceLogProbs.Compute(model, rejectedIds, rejectedMask);

        foreach (var (together, alone) in new[] { (chosen, chosenAlone), (rejected, rejectedAlone) })
        {
            var a = Values(together.LogProbs);
            var b = Values(alone.LogProbs);
            for (var i = 0; i < a.Length; i++) Close(b[i], a[i], 1e-5);
            Assert.Equal(Values(alone.Counts), Values(together.Counts));
            var la = Values(together.LogitSums);
            var lb = Values(alone.LogitSums);
            for (var i = 0; i < la.Length; i++) Close(lb[i], la[i], 1e-4);
        }
    }
}
