using Frugal.Models;
using static TorchSharp.torch;

namespace Frugal.Tests.Models;

[Collection(TorchGlobalState.Name)]
public class GptTests
{
    public static TheoryData<GptPositions, GptMlpKind, GptNormKind, bool> Variants() => new()
    {
        { GptPositions.Rotary, GptMlpKind.Gelu, GptNormKind.LayerNorm, true },
        { GptPositions.Learned, GptMlpKind.Gelu, GptNormKind.LayerNorm, true },
        { GptPositions.Rotary, GptMlpKind.SwiGlu, GptNormKind.RmsNorm, false },
        { GptPositions.Learned, GptMlpKind.SwiGlu, GptNormKind.RmsNorm, false },
    };

    private static GptConfig Config(GptPositions positions, GptMlpKind mlp, GptNormKind norm, bool tied) =>
        GptSteps.Tiny(positions) with { Mlp = mlp, Norm = norm, TiedEmbeddings = tied };

    [Theory]
    [MemberData(nameof(Variants))]
    public void Logits_have_shape_batch_time_vocab_and_parameters_match_the_formula(GptPositions positions, GptMlpKind mlp, GptNormKind norm, bool tied)
    {
        using var scope = NewDisposeScope();
        var config = Config(positions, mlp, norm, tied);
        var model = new Gpt(config);
        var logits = model.forward(randint(0, config.VocabSize, [3, config.ContextLength]));
        Assert.Equal([3L, config.ContextLength, config.VocabSize], logits.shape);
        Assert.True(isfinite(logits).all().item<bool>());
        Assert.Equal(config.ParameterCount(), model.parameters().Sum(p => p.numel()));
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void Changing_a_later_token_leaves_earlier_logits_unchanged(GptPositions positions, GptMlpKind mlp, GptNormKind norm, bool tied)
    {
        using var scope = NewDisposeScope();
        manual_seed(1);
        var config = Config(positions, mlp, norm, tied);
        var model = new Gpt(config);
        var idx = randint(0, config.VocabSize, [2, 12]);
        const int t = 6;
        var changed = idx.clone();
        changed[.., t + 1] = (idx[.., t + 1] + 1) % config.VocabSize;
        var before = model.forward(idx);
        var after = model.forward(changed);
        Assert.True(before[.., ..(t + 1)].equal(after[.., ..(t + 1)]).all().item<bool>());
        Assert.False(before[.., t + 1].equal(after[.., t + 1]).all().item<bool>());
    }

    [Fact]
    public void Checkpoint_keys_follow_nanogpt_names()
    {
        var keys = new Gpt(GptSteps.Tiny(GptPositions.Learned) with { Layers = 1, TiedEmbeddings = false }).state_dict().Keys;
        Assert.Equal(
            ["wte.weight", "wpe.weight", "h.0.ln_1.weight", "h.0.ln_1.bias", "h.0.attn.c_attn.weight", "h.0.attn.c_proj.weight",
             "h.0.ln_2.weight", "h.0.ln_2.bias", "h.0.mlp.c_fc.weight", "h.0.mlp.c_proj.weight", "ln_f.weight", "ln_f.bias", "lm_head.weight"],
            keys);
        // Rotary positions are computed, not stored; tied embeddings have no head of their own.
        Assert.Equal(["wte.weight", "h.0.ln_1.weight"], new Gpt(GptSteps.Tiny() with { Layers = 1, Norm = GptNormKind.RmsNorm }).state_dict().Keys.Take(2));
        Assert.DoesNotContain("lm_head.weight", new Gpt(GptSteps.Tiny()).state_dict().Keys);
    }

    [Fact]
    public void Tied_logits_equal_an_untied_head_holding_a_copy_of_the_embedding()
    {
        using var scope = NewDisposeScope();
        var tied = new Gpt(GptSteps.Tiny());
        var untied = new Gpt(GptSteps.Tiny() with { TiedEmbeddings = false });
        var weights = new Dictionary<string, Tensor>(tied.state_dict()) { ["lm_head.weight"] = tied.state_dict()["wte.weight"] };
        untied.load_state_dict(weights);
        var idx = randint(0, 32, [2, 10]);
        Assert.True(tied.forward(idx).equal(untied.forward(idx)).all().item<bool>());
        Assert.Equal(tied.Config.ParameterCount() + 32 * 16, untied.parameters().Sum(p => p.numel()));
    }

    [Fact]
    public void A_sequence_longer_than_the_context_is_refused()
    {
        var model = new Gpt(GptSteps.Tiny());
        Assert.Throws<ArgumentException>(() => model.forward(zeros(1, 17, dtype: ScalarType.Int64)));
    }

    [Fact]
    public void Attention_dropout_and_causal_flag_run_in_training_mode()
    {
        using var scope = NewDisposeScope();
        manual_seed(3);
        var model = new Gpt(GptSteps.Tiny() with { Dropout = 0.5 });
        var idx = randint(0, 32, [2, 8]);
        var first = model.forward(idx);
        var second = model.forward(idx);
        Assert.False(first.equal(second).all().item<bool>());
        model.eval();
        Assert.True(model.forward(idx).equal(model.forward(idx)).all().item<bool>());
    }
}
