using Frugal.Alignment;
using Frugal.Models;
using Frugal.Tests.Models;
using Frugal.Text;
using static Frugal.Tests.Alignment.DpoLossAssert;
using static TorchSharp.torch;

namespace Frugal.Tests.Alignment;

[Collection(TorchGlobalState.Name)]
public class SharedPromptBatchTests
{
    /// <summary>Prompts of 1 to 6 tokens, answers of 1 to 5; the third pair's rejected answer extends its chosen one, the fourth's is a prefix of it.</summary>
    private static readonly PreferenceTokens[] Pairs =
    [
        new([5, 6, 7], [8, 9, 10, 1], [11, 1]),
        new([12], [13, 14, 15, 16, 1], [17, 1]),
        new([3, 1, 4, 1, 5], [9, 2], [9, 2, 6, 5, 3]),
        new([2, 7, 1, 8, 2, 8], [4, 5, 9, 1], [4, 5]),
        new([20, 21], [22], [23]),
    ];

    /// <summary>
    /// A tiny GPT with weights N(0, 0.3) instead of GPT-2's 0.02: at that start attention is nearly uniform, so
    /// a wrong position or a key seen by mistake would move the scores by less than float rounding.
    /// </summary>
    private static Gpt Model(GptPositions positions, long seed = 21)
    {
        manual_seed(seed);
        var model = new Gpt(GptSteps.Tiny(positions));
        using var noGrad = no_grad();
        foreach (var parameter in model.parameters().Where(p => p.dim() >= 2)) nn.init.normal_(parameter, 0, 0.3);
        return model;
    }

    [Fact]
    public void A_row_holds_the_prompt_then_each_answer_but_its_last_token_at_the_answers_own_positions()
    {
        using var scope = NewDisposeScope();
        using var batch = SharedPromptBatch.Create([Pairs[0], Pairs[4]], padId: 0);
        // 3 prompt + 3 chosen + 1 rejected tokens fed; the second row is 2 prompt tokens and padding.
        Assert.Equal([2, 7], batch.Ids.shape);
        Assert.Equal([5L, 6, 7, 8, 9, 10, 11], batch.Ids[0].data<long>().ToArray());
        Assert.Equal([0L, 1, 2, 3, 4, 5, 3], batch.Positions[0].data<long>().ToArray());
        Assert.Equal([20L, 21, 0, 0, 0, 0, 0], batch.Ids[1].data<long>().ToArray());
        Assert.Equal([0L, 1, 0, 0, 0, 0, 0], batch.Positions[1].data<long>().ToArray());
        // The rejected token (column 6) sees the prompt and itself, none of the chosen tokens; padding sees only itself.
        Assert.Equal([true, true, true, false, false, false, true], batch.AttentionMask[0, 0, 6].data<bool>().ToArray());
        Assert.Equal([true, true, true, true, true, false, false], batch.AttentionMask[0, 0, 4].data<bool>().ToArray());
        Assert.Equal([false, false, false, false, true, false, false], batch.AttentionMask[1, 0, 4].data<bool>().ToArray());
        // The last prompt token (flat 2) predicts both first answer tokens; row 1's at flat 7 + 1.
        Assert.Equal([2L, 3, 4, 5, 2, 6, 8, 8], batch.Predictors.data<long>().ToArray());
        Assert.Equal([8L, 9, 10, 1, 11, 1, 22, 23], batch.Targets.data<long>().ToArray());
        Assert.Equal([0L, 0, 0, 0, 2, 2, 1, 3], batch.Sequences.data<long>().ToArray());
    }

    [Theory]
    [InlineData(GptPositions.Rotary)]
    [InlineData(GptPositions.Learned)]
    public void Shared_prompt_scores_equal_concatenated_scores_per_pair(GptPositions positions)
    {
        using var scope = NewDisposeScope();
        var model = Model(positions);
        model.eval();
        using var shared = SharedPromptBatch.Create(Pairs, padId: 0);
        using var concatenated = DpoBatch.Concatenate(Pairs, padId: 0);
        var (chosen, rejected) = shared.Score(model);
        var (chosenExpected, rejectedExpected) = concatenated.Score(model);
        AssertSameScores(chosenExpected, chosen);
        AssertSameScores(rejectedExpected, rejected);
        Assert.Equal([4.0, 5, 2, 4, 1], Values(chosen.Counts));
        Assert.Equal([2.0, 2, 5, 2, 1], Values(rejected.Counts));
    }

    [Theory]
    [InlineData(GptPositions.Rotary)]
    [InlineData(GptPositions.Learned)]
    public void Dpo_loss_gradients_equal_those_of_the_concatenated_batch(GptPositions positions)
    {
        var shared = Gradients(Model(positions, seed: 22), SharedPromptBatch.Create(Pairs, padId: 0));
        var concatenated = Gradients(Model(positions, seed: 22), DpoBatch.Concatenate(Pairs, padId: 0));
        var largest = concatenated.Values.Max(g => g.abs().max().item<float>());
        Assert.True(largest > 1e-4, $"largest gradient {largest}: the comparison would be empty");
        foreach (var (name, expected) in concatenated)
        {
            var difference = (shared[name] - expected).abs().max().item<float>();
            Assert.True(difference <= 1e-5 * largest, $"{name}: gradients differ by {difference} (largest gradient {largest})");
        }
    }

    [Fact]
    public void Padding_is_ignored_a_pair_scores_the_same_in_any_batch_and_with_any_pad_id()
    {
        using var scope = NewDisposeScope();
        var model = Model(GptPositions.Rotary, seed: 23);
        model.eval();
        using var alone = SharedPromptBatch.Create([Pairs[4]], padId: 0);
        using var padded = SharedPromptBatch.Create([Pairs[1], Pairs[4]], padId: 31);
        Assert.Equal([1, 2], alone.Ids.shape);
        Assert.Equal([2, 6], padded.Ids.shape);
        var (chosenAlone, rejectedAlone) = alone.Score(model);
        var (chosen, rejected) = padded.Score(model);
        Assert.Equal(Values(chosenAlone.LogProbs)[0], Values(chosen.LogProbs)[1], 5);
        Assert.Equal(Values(rejectedAlone.LogProbs)[0], Values(rejected.LogProbs)[1], 5);
        Assert.Equal([1.0], Values(rejectedAlone.Counts));
    }

    [Fact]
    public void Without_a_prompt_the_first_answer_tokens_are_not_scored_as_in_the_concatenated_batch()
    {
        using var scope = NewDisposeScope();
        var model = Model(GptPositions.Learned, seed: 24);
        model.eval();
        PreferenceTokens[] pairs = [new([], [8, 9, 10], [11, 12]), Pairs[0]];
        using var shared = SharedPromptBatch.Create(pairs, padId: 0);
        using var concatenated = DpoBatch.Concatenate(pairs, padId: 0);
        var (chosen, rejected) = shared.Score(model);
        var (chosenExpected, rejectedExpected) = concatenated.Score(model);
        AssertSameScores(chosenExpected, chosen);
        AssertSameScores(rejectedExpected, rejected);
        Assert.Equal([2.0, 4], Values(chosen.Counts));
    }

    private static void AssertSameScores(SequenceScores expected, SequenceScores actual)
    {
        var (e, a) = (Values(expected.LogProbs), Values(actual.LogProbs));
        for (var i = 0; i < e.Length; i++) Close(e[i], a[i], 1e-5);
        Assert.Equal(Values(expected.Counts), Values(actual.Counts));
        var (el, al) = (Values(expected.LogitSums), Values(actual.LogitSums));
        for (var i = 0; i < el.Length; i++) Assert.Equal(el[i], al[i], 4);
    }

    /// <summary>Gradients of the sigmoid DPO loss against fixed reference scores, by parameter name, in training mode.</summary>
    private static Dictionary<string, Tensor> Gradients(Gpt model, IPreferenceBatch batch)
    {
        using (batch)
        {
            model.train();
            var (chosen, rejected) = batch.Score(model);
            var reference = full(batch.Pairs, -30f);
            DpoLoss.Compute(chosen.LogProbs, rejected.LogProbs, reference, reference - 1, new DpoOptions(), chosen.Counts, rejected.Counts).Loss.backward();
            return model.named_parameters().ToDictionary(p => p.name, p => p.parameter.grad!);
        }
    }
}
