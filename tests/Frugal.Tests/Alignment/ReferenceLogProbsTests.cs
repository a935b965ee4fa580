using System.Text.Json.Nodes;
using Frugal.Alignment;
using Frugal.Models;
using Frugal.Tests.Models;
using Frugal.Tests.Text;
using Frugal.Text;
using static TorchSharp.torch;

namespace Frugal.Tests.Alignment;

[Collection(TorchGlobalState.Name)]
public class ReferenceLogProbsTests
{
    private static TrainingTokenizer Tokens(int maxLength = 48) => new(ByteTokenizer.Instance, maxLength);

    private static Gpt Model(long seed)
    {
        manual_seed(seed);
        return new Gpt(DpoFixtures.ByteGpt());
    }

    [Fact]
    public void Computed_scores_equal_the_reference_models_scores_of_each_pair()
    {
        using var scope = NewDisposeScope();
        var model = Model(31);
        var pairs = DpoFixtures.Tokenize(DpoFixtures.YesPairs(5));
        var scores = ReferenceLogProbs.Compute(model, pairs, ByteTokenizer.Instance.Pad, batchSize: 2);
        model.eval();
        using var batch = DpoBatch.Concatenate(pairs, ByteTokenizer.Instance.Pad);
        var (chosen, rejected) = batch.Score(model);
        var expectedChosen = DpoLossAssert.Values(chosen.LogProbs);
        var expectedRejected = DpoLossAssert.Values(rejected.LogProbs);
        for (var i = 0; i < pairs.Count; i++)
        {
            DpoLossAssert.Close(expectedChosen[i], scores.Chosen[i], 1e-5);
            DpoLossAssert.Close(expectedRejected[i], scores.Rejected[i], 1e-5);
        }
    }

    [Fact]
    public void The_cache_is_reused_and_invalidated_by_a_change_of_data_model_or_max_length()
    {
        using var files = new TextFiles();
        using var scope = NewDisposeScope();
        var data = DpoFixtures.WriteJsonl(Path.Combine(files.Root, "pairs.jsonl"), DpoFixtures.YesPairs(6));
        var pairs = DpoFixtures.Tokenize(DpoFixtures.YesPairs(6));
        var model = Model(32);

        var first = ReferenceLogProbs.Resolve(data, pairs, model, Tokens(), 4);
        Assert.Equal(ReferenceSource.Computed, first.Source);
        Assert.True(File.Exists(first.CachePath));
        Assert.StartsWith(data + ".ref-", first.CachePath);

        // A second run reads the file instead of computing: planted values come back.
        var cache = JsonNode.Parse(File.ReadAllText(first.CachePath!))!.AsObject();
        cache["ref_chosen_logps"]![0] = -1234.5;
        File.WriteAllText(first.CachePath!, cache.ToJsonString());
        var second = ReferenceLogProbs.Resolve(data, pairs, model, Tokens(), 4);
        Assert.Equal(ReferenceSource.Cache, second.Source);
        Assert.Equal(-1234.5, second.Scores.Chosen[0]);
        Assert.Equal(first.Scores.Rejected, second.Scores.Rejected);

        // Another reference model: another key, computed afresh.
        var other = Model(33);
        var otherModel = ReferenceLogProbs.Resolve(data, pairs, other, Tokens(), 4);
        Assert.Equal(ReferenceSource.Computed, otherModel.Source);
        Assert.NotEqual(first.CachePath, otherModel.CachePath);
        Assert.NotEqual(first.Scores.Chosen[0], otherModel.Scores.Chosen[0]);

        // One weight nudged is a different model too.
        using (no_grad()) model.parameters().First().add_(1e-3);
        Assert.Equal(ReferenceSource.Computed, ReferenceLogProbs.Resolve(data, pairs, model, Tokens(), 4).Source);

        // Another max length, and changed data (same tokens passed in, so only the file's bytes differ).
        Assert.Equal(ReferenceSource.Computed, ReferenceLogProbs.Resolve(data, pairs, model, Tokens(40), 4).Source);
        File.AppendAllText(data, "\n");
        Assert.Equal(ReferenceSource.Computed, ReferenceLogProbs.Resolve(data, pairs, model, Tokens(), 4).Source);
        Assert.Empty(Directory.GetFiles(files.Root, "*.tmp"));
    }

    [Fact]
    public void Pairs_carrying_reference_scores_use_them_and_write_no_cache()
    {
        using var files = new TextFiles();
        using var scope = NewDisposeScope();
        var data = files.Jsonl("pairs.jsonl",
            """{"prompt":"a","chosen":"b","rejected":"c","ref_chosen_logps":-3.5,"ref_rejected_logps":-4.25}""",
            """{"prompt":"d","chosen":"e","rejected":"f","ref_chosen_logps":-1,"ref_rejected_logps":-2}""");
        var tokens = Tokens();
        var pairs = JsonlReader.ReadPreference(data).Select(tokens.Preference).ToList();
        var result = ReferenceLogProbs.Resolve(data, pairs, Model(34), tokens, 4);
        Assert.Equal(ReferenceSource.Data, result.Source);
        Assert.Equal([-3.5, -1], result.Scores.Chosen);
        Assert.Equal([-4.25, -2], result.Scores.Rejected);
        Assert.Single(Directory.GetFiles(files.Root));
    }
}
