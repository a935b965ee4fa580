using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Frugal.Models;

/// <summary>
/// A decoder-only transformer language model in the manner of GPT-2 and nanoGPT: token embedding (plus
/// learned positions, or rotary ones inside attention), pre-norm blocks, a final norm and a head that
/// gives next-token logits. Submodule names are the checkpoint keys (wte, wpe, h.N..., ln_f, lm_head).
/// </summary>
public sealed class Gpt : Module<Tensor, Tensor>
{
    private readonly Embedding wte;
    private readonly Embedding? wpe;
    private readonly Dropout drop;
    private readonly ModuleList<GptBlock> h;
    private readonly Module<Tensor, Tensor> ln_f;
    private readonly Linear? lm_head;

    public Gpt(GptConfig config) : base(nameof(Gpt))
    {
        var problems = config.Validate().ToList();
        if (problems.Count > 0) throw new ArgumentException($"invalid GPT config: {string.Join("; ", problems)}", nameof(config));
        Config = config;
        wte = Embedding(config.VocabSize, config.Dim);
        wpe = config.Positions == GptPositions.Learned ? Embedding(config.ContextLength, config.Dim) : null;
        drop = Dropout(config.Dropout);
        h = new ModuleList<GptBlock>(Enumerable.Range(0, config.Layers).Select(_ => new GptBlock(config)).ToArray());
        ln_f = GptBlock.Norm(config);
        lm_head = config.TiedEmbeddings ? null : Linear(config.Dim, config.VocabSize, hasBias: false);
        RegisterComponents();
        Initialise();
    }

    public GptConfig Config { get; }

    /// <summary>Next-token logits for token ids idx (B, T), T &lt;= ContextLength: (B, T, V).</summary>
    public override Tensor forward(Tensor idx) => forward(idx, null);

    /// <summary>
    /// With a cache, idx (B, T) are the tokens at positions cache.Length..cache.Length+T-1: their keys and
    /// values are added to the cache and they attend to everything before them.
    /// </summary>
    public Tensor forward(Tensor idx, GptKvCache? cache)
    {
        var t = idx.shape[1];
        var start = cache?.Length ?? 0;
        if (start + t > Config.ContextLength)
            throw new ArgumentException($"{start} cached + {t} new positions exceed the context length {Config.ContextLength}", nameof(idx));
        var logits = Forward(idx, arange(start, start + t, dtype: ScalarType.Int64, device: idx.device), cache, null, null);  // (B, T, V)
        cache?.Advance((int)t);
        return logits;
    }

    /// <summary>
    /// Tokens idx (B, T) at explicit positions (B, T), query i of row b attending to key j where
    /// attentionMask[b, 0, i, j] is true. Rows can then hold several continuations of one prefix side by side,
    /// each at the positions it would have alone (DPO's shared prompt); T may exceed the context, positions may not.
    /// Every query must see at least one key, or its softmax has nothing to normalise.
    /// </summary>
    /// <param name="attentionMask">(B, 1, T, T), bool, broadcast over heads.</param>
    /// <param name="logitsAt">
    /// Flat indices b * T + t (N), long, of the only positions whose logits are wanted: the result is then (N, V) and
    /// the final norm and the head, whose cost grows with the vocabulary, skip every other position.
    /// </param>
    /// <returns>Logits (B, T, V), or (N, V) with <paramref name="logitsAt"/>.</returns>
    public Tensor forward(Tensor idx, Tensor positions, Tensor attentionMask, Tensor? logitsAt = null)
    {
        var (b, t) = (idx.shape[0], idx.shape[1]);
        if (!positions.shape.SequenceEqual(idx.shape))
            throw new ArgumentException($"positions ({string.Join(", ", positions.shape)}) must have the shape of the tokens ({b}, {t})", nameof(positions));
        if (attentionMask.dtype != ScalarType.Bool || !attentionMask.shape.SequenceEqual([b, 1, t, t]))
            throw new ArgumentException($"the attention mask must be bool ({b}, 1, {t}, {t}), got {attentionMask.dtype} ({string.Join(", ", attentionMask.shape)})", nameof(attentionMask));
        var (first, last) = (positions.min().item<long>(), positions.max().item<long>());
        if (first < 0 || last >= Config.ContextLength)
            throw new ArgumentException($"positions {first}..{last} fall outside the context [0, {Config.ContextLength})", nameof(positions));
        return Forward(idx, positions, null, attentionMask, logitsAt);
    }

    /// <param name="positions">(T) shared by every row, or (B, T).</param>
    /// <param name="attentionMask">null: causal.</param>
    /// <param name="logitsAt">null: every position's logits.</param>
    private Tensor Forward(Tensor idx, Tensor positions, GptKvCache? cache, Tensor? attentionMask, Tensor? logitsAt)
    {
        var x = wte.forward(idx);  // (B, T, C)
        if (wpe is not null) x = x + wpe.forward(positions);  // (B, T, C)
        x = drop.forward(x);
        (Tensor, Tensor)? rotary = Config.Positions == GptPositions.Rotary
            ? GptRotary.Angles(positions, Config.HeadDim, x.dtype)  // (T, d/2) or (B, 1, T, d/2) each
            : null;
        for (var layer = 0; layer < h.Count; layer++) x = h[layer].forward(x, rotary, cache, layer, attentionMask);  // (B, T, C)
        if (logitsAt is not null) x = x.reshape(-1, x.shape[2]).index_select(0, logitsAt);  // (N, C)
        x = ln_f.forward(x);
        return lm_head is null ? x.matmul(wte.weight!.t()) : lm_head.forward(x);  // (B, T, V) or (N, V)
    }

    /// <summary>
    /// Continues <paramref name="prompt"/> one token at a time in eval mode, without gradients, reusing a
    /// KV cache. The model always sees the last ContextLength tokens at most: when the sequence outgrows
    /// the context, the window moves left by one token and the cache is rebuilt for it, so from then on
    /// each token costs a full-context forward (the price of matching uncached generation exactly).
    /// </summary>
    public GptGeneration Generate(int[] prompt, GptGenerationOptions options)
    {
        var problems = options.Validate().ToList();
        if (prompt.Length == 0) problems.Add("the prompt must hold at least one token");
        foreach (var id in prompt.Where(id => id < 0 || id >= Config.VocabSize).Take(1))
            problems.Add($"prompt token {id} is outside the vocabulary [0, {Config.VocabSize})");
        if (problems.Count > 0) throw new BadInputException($"generate: {string.Join("; ", problems)}");

        var wasTraining = training;
        eval();
        try
        {
            using var noGrad = no_grad();
            using var generator = new Generator(options.Seed);
            var (device, dtype) = DeviceAndType();
            using var cache = new GptKvCache(Config, 1, device, dtype);
            var tokens = new List<int>(prompt);
            var stopIds = options.StopTokenIds.ToHashSet();
            var origin = 0;  // index in tokens of the cache's position 0
            for (var step = 0; step < options.MaxNewTokens; step++)
            {
                using var scope = NewDisposeScope();
                var windowStart = Math.Max(0, tokens.Count - Config.ContextLength);
                if (windowStart != origin)
                {
                    cache.Reset();
                    origin = windowStart;
                }
                var fresh = tokens.Skip(origin + cache.Length).Select(id => (long)id).ToArray();
                var logits = forward(tensor(fresh, device: device).unsqueeze(0), cache);  // (1, T, V)
                var next = GptSampling.Next(logits[0, -1], options, generator);
                if (stopIds.Contains(next)) return Result(GptStopReason.StopToken);
                tokens.Add(next);
                if (options.StopStrings.Count > 0)
                {
                    var text = options.Decode!(tokens.Skip(prompt.Length).ToList());
                    if (options.StopStrings.Any(stop => text.Contains(stop, StringComparison.Ordinal))) return Result(GptStopReason.StopString);
                }
            }
            return Result(GptStopReason.MaxNewTokens);

            GptGeneration Result(GptStopReason reason) => new([.. tokens.Skip(prompt.Length)], reason);
        }
        finally
        {
            train(wasTraining);
        }
    }

    private (Device Device, ScalarType Dtype) DeviceAndType()
    {
        // TorchSharp's weight getter wraps the native tensor anew on every call; the wrapper is ours to dispose.
        using var weight = wte.weight!;
        return (weight.device, weight.dtype);
    }

    /// <summary>
    /// GPT-2's initialisation as nanoGPT writes it: weights N(0, 0.02), norms at identity, and the
    /// projections that write into the residual stream scaled by 1/sqrt(2 * layers) so its variance does
    /// not grow with depth.
    /// </summary>
    private void Initialise()
    {
        using var noGrad = no_grad();
        // Norm gains and biases (the only vectors) keep their identity start.
        foreach (var parameter in parameters().Where(p => p.dim() >= 2)) init.normal_(parameter, 0, 0.02);
        var residualStd = 0.02 / Math.Sqrt(2.0 * Config.Layers);
        foreach (var block in h)
        {
            init.normal_(block.Attention.OutputProjection.weight!, 0, residualStd);
            init.normal_(block.Mlp.OutputProjection.weight!, 0, residualStd);
        }
    }
}
