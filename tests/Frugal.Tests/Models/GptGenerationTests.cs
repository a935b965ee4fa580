using Frugal.Models;
using static TorchSharp.torch;

namespace Frugal.Tests.Models;

[Collection(TorchGlobalState.Name)]
public class GptGenerationTests
{
    private static Gpt Model(GptPositions positions = GptPositions.Rotary, int seed = 12)
    {
        manual_seed(seed);
        var model = new Gpt(GptSteps.Tiny(positions) with { TiedEmbeddings = false });
        // A separate, sharper head than GPT-2's 0.02 start: greedy choices are far from ties, and the next
        // token is not simply the current one, as it tends to be when the head is the embedding.
        using (no_grad()) model.state_dict()["lm_head.weight"].mul_(10);
        return model;
    }

    [Theory]
    [InlineData(GptPositions.Rotary, 3)]
    [InlineData(GptPositions.Learned, 3)]
    [InlineData(GptPositions.Rotary, 20)]
    [InlineData(GptPositions.Learned, 20)]
    public void Cached_greedy_generation_equals_recomputing_the_whole_sequence(GptPositions positions, int promptLength)
    {
        var model = Model(positions);
        var prompt = GptSteps.RandomTokens(promptLength, 32, 5);
        // 30 new tokens outgrow the 16-token context: the window moves and the cache is rebuilt.
        var cached = model.Generate(prompt, new GptGenerationOptions { MaxNewTokens = 30 });
        var recomputed = GptSteps.GreedyWithoutCache(model, prompt, 30);
        Assert.Equal(recomputed, cached.Tokens);
        Assert.Equal(GptStopReason.MaxNewTokens, cached.Reason);
        Assert.True(cached.Tokens.Distinct().Count() > 2, $"the test model should not just repeat one token: {string.Join(",", cached.Tokens)}");
    }

    [Fact]
    public void Several_positions_fed_to_a_filled_cache_match_the_uncached_logits()
    {
        using var scope = NewDisposeScope();
        var model = Model();
        model.eval();
        var idx = randint(0, 32, [2, 12]);
        var whole = model.forward(idx);
        using var cache = new GptKvCache(model.Config, batch: 2);
        var first = model.forward(idx.narrow(1, 0, 5), cache);
        var rest = model.forward(idx.narrow(1, 5, 7), cache);  // 7 queries over 12 keys: the shifted causal mask
        Assert.Equal(12, cache.Length);
        Assert.True(cat([first, rest], 1).allclose(whole, rtol: 1e-4, atol: 1e-5));
    }

    [Fact]
    public void Top_p_near_zero_samples_the_greedy_tokens()
    {
        var model = Model();
        var prompt = GptSteps.RandomTokens(4, 32, 6);
        var greedy = model.Generate(prompt, new GptGenerationOptions { MaxNewTokens = 20 });
        var nucleus = model.Generate(prompt, new GptGenerationOptions { MaxNewTokens = 20, Temperature = 1.5, TopP = 1e-6, Seed = 9 });
        Assert.Equal(greedy.Tokens, nucleus.Tokens);
    }

    [Fact]
    public void Nucleus_keeps_the_most_likely_tokens_until_their_mass_reaches_p()
    {
        using var scope = NewDisposeScope();
        var probabilities = tensor(new[] { 0.1f, 0.4f, 0.05f, 0.3f, 0.15f });
        // Sorted: 0.4, 0.3, 0.15, ...; 0.4 + 0.3 = 0.7 < 0.75, so 0.15 joins and the mass is 0.85.
        var kept = GptSampling.Nucleus(probabilities, 0.75).data<float>().ToArray();
        Assert.Equal(new[] { 0, 0.4f / 0.85f, 0, 0.3f / 0.85f, 0.15f / 0.85f }, kept, new FloatTolerance(1e-6f));
        Assert.Equal(new[] { 0, 1f, 0, 0, 0 }, GptSampling.Nucleus(probabilities, 1e-9).data<float>().ToArray());
    }

    [Fact]
    public void Temperature_sampling_is_fixed_by_the_seed_and_leaves_the_global_rng_alone()
    {
        var model = Model();
        var prompt = GptSteps.RandomTokens(4, 32, 7);
        var options = new GptGenerationOptions { MaxNewTokens = 24, Temperature = 1.0, Seed = 123 };
        manual_seed(1);
        var first = model.Generate(prompt, options);
        var globalAfter = rand(1).item<float>();
        manual_seed(2);
        var again = model.Generate(prompt, options);
        var other = model.Generate(prompt, options with { Seed = 124 });
        manual_seed(1);
        Assert.Equal(globalAfter, rand(1).item<float>());
        Assert.Equal(first.Tokens, again.Tokens);
        Assert.NotEqual(first.Tokens, other.Tokens);
        Assert.NotEqual(model.Generate(prompt, new GptGenerationOptions { MaxNewTokens = 24 }).Tokens, first.Tokens);
    }

    [Fact]
    public void A_stop_token_ends_generation_before_it()
    {
        var model = Model();
        var prompt = GptSteps.RandomTokens(4, 32, 8);
        var free = model.Generate(prompt, new GptGenerationOptions { MaxNewTokens = 20 }).Tokens;
        var stop = free[5];
        var firstStop = Array.IndexOf(free, stop);
        var stopped = model.Generate(prompt, new GptGenerationOptions { MaxNewTokens = 20, StopTokenIds = [stop] });
        Assert.Equal(GptStopReason.StopToken, stopped.Reason);
        Assert.Equal(free[..firstStop], stopped.Tokens);
    }

    [Fact]
    public void A_stop_string_ends_generation_at_the_token_that_completes_it()
    {
        var model = Model();
        var prompt = GptSteps.RandomTokens(4, 32, 8);
        static string Decode(IReadOnlyList<int> ids) => string.Concat(ids.Select(id => (char)('a' + id)));
        var free = model.Generate(prompt, new GptGenerationOptions { MaxNewTokens = 20 }).Tokens;
        var stop = Decode(free[6..8]);
        var end = Decode(free).IndexOf(stop, StringComparison.Ordinal) + 2;
        var stopped = model.Generate(prompt, new GptGenerationOptions { MaxNewTokens = 20, StopStrings = [stop], Decode = Decode });
        Assert.Equal(GptStopReason.StopString, stopped.Reason);
        Assert.Equal(free[..end], stopped.Tokens);
    }

    [Fact]
    public void Generation_leaves_training_mode_as_it_found_it_and_rejects_bad_options()
    {
        var model = Model();
        model.train();
        model.Generate([1, 2], new GptGenerationOptions { MaxNewTokens = 2 });
        Assert.True(model.training);
        var error = Assert.Throws<BadInputException>(() => model.Generate([40], new GptGenerationOptions { TopP = 0, StopStrings = ["x"] }));
        Assert.Equal(
            "generate: top-p must be in (0, 1], got 0; stop strings need a decode function; prompt token 40 is outside the vocabulary [0, 32)",
            error.Message);
    }

    private sealed class FloatTolerance(float tolerance) : IEqualityComparer<float>
    {
        public bool Equals(float x, float y) => Math.Abs(x - y) <= tolerance;
        public int GetHashCode(float value) => 0;
    }
}
