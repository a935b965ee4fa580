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

    [Theory]
    [MemberData(nameof(Variants))]
    public void Explicit_positions_and_a_causal_mask_give_the_causal_forward(GptPositions positions, GptMlpKind mlp, GptNormKind norm, bool tied)
    {
        using var scope = NewDisposeScope();
        manual_seed(4);
        var config = Config(positions, mlp, norm, tied);
        var model = new Gpt(config);
        var idx = randint(0, config.VocabSize, [3, 10]);
        var causal = ones(10, 10, dtype: ScalarType.Bool).tril().expand(3, 1, 10, 10);
        var explicitForward = model.forward(idx, arange(10, dtype: ScalarType.Int64).expand(3, 10), causal);
        Assert.True(explicitForward.allclose(model.forward(idx), rtol: 1e-5, atol: 1e-6));
    }

    [Fact]
    public void Explicit_positions_place_tokens_as_if_they_stood_there()
    {
        using var scope = NewDisposeScope();
        manual_seed(5);
        var model = new Gpt(GptSteps.Tiny(GptPositions.Learned));
        var tokens = randint(0, 32, [1, 6]);
        // Tokens 0-2 then 3-5 each at positions 0-2, the second run seeing only itself: the same logits twice.
        var mask = ones(6, 6, dtype: ScalarType.Bool).tril();
        mask[3.., ..3] = tensor(false);
        var runs = cat([tokens.narrow(1, 0, 3), tokens.narrow(1, 0, 3)], 1);
        var logits = model.forward(runs, tensor(new long[] { 0, 1, 2, 0, 1, 2 }).unsqueeze(0), mask.expand(1, 1, 6, 6));
        Assert.True(logits.narrow(1, 0, 3).allclose(logits.narrow(1, 3, 3), rtol: 1e-5, atol: 1e-6));
        Assert.True(logits.narrow(1, 0, 3).allclose(model.forward(tokens.narrow(1, 0, 3)), rtol: 1e-5, atol: 1e-6));
    }

    [Fact]
    public void Logits_at_chosen_positions_are_those_rows_of_the_full_logits()
    {
        using var scope = NewDisposeScope();
        manual_seed(6);
        var model = new Gpt(GptSteps.Tiny() with { TiedEmbeddings = false });
        var idx = randint(0, 32, [2, 5]);
        var (positions, mask) = (arange(5, dtype: ScalarType.Int64).expand(2, 5), ones(5, 5, dtype: ScalarType.Bool).tril().expand(2, 1, 5, 5));
        var at = tensor(new long[] { 7, 0, 4, 7 });  // row 1 position 2, row 0 positions 0 and 4, a repeat
        var some = model.forward(idx, positions, mask, at);
        Assert.Equal([4L, 32], some.shape);
        Assert.True(some.allclose(model.forward(idx, positions, mask).reshape(10, 32).index_select(0, at), rtol: 1e-5, atol: 1e-6));
    }

    [Fact]
    public void Explicit_positions_outside_the_context_or_a_mask_of_the_wrong_shape_are_refused()
    {
        using var scope = NewDisposeScope();
        var model = new Gpt(GptSteps.Tiny());
        var idx = zeros(1, 4, dtype: ScalarType.Int64);
        var mask = ones(1, 1, 4, 4, dtype: ScalarType.Bool);
        Assert.Throws<ArgumentException>(() => model.forward(idx, tensor(new long[] { 0, 1, 2, 16 }).unsqueeze(0), mask));
        Assert.Throws<ArgumentException>(() => model.forward(idx, zeros(1, 4, dtype: ScalarType.Int64), mask.to_type(ScalarType.Float32)));
        Assert.Throws<ArgumentException>(() => model.forward(idx, zeros(1, 4, dtype: ScalarType.Int64), ones(1, 4, 4, dtype: ScalarType.Bool)));
        // Longer than the context is fine while the positions fit.
        var wide = model.forward(zeros(1, 20, dtype: ScalarType.Int64), zeros(1, 20, dtype: ScalarType.Int64), ones(1, 1, 20, 20, dtype: ScalarType.Bool));
        Assert.Equal([1L, 20, 32], wide.shape);
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
