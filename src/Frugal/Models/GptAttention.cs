using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Frugal.Models;

/// <summary>
/// Multi-head causal self-attention: softmax(q k^T / sqrt(d) + causal mask) v per head, through libtorch's
/// fused scaled_dot_product_attention; a caller's mask can replace the causal one (several answers in one row). Queries, keys and values come from one Linear (c_attn, 3C outputs),
/// the heads are merged by c_proj; names as in nanoGPT and GPT-2 checkpoints.
/// </summary>
public sealed class GptAttention : Module<Tensor, Tensor>
{
    private readonly Linear c_attn;
    private readonly Linear c_proj;
    private readonly Dropout resid_dropout;
    private readonly int _heads;
    private readonly double _dropout;

    public GptAttention(GptConfig config) : base(nameof(GptAttention))
    {
        c_attn = Linear(config.Dim, 3 * config.Dim, hasBias: false);
        c_proj = Linear(config.Dim, config.Dim, hasBias: false);
        resid_dropout = Dropout(config.Dropout);
        _heads = config.Heads;
        _dropout = config.Dropout;
        RegisterComponents();
    }

    /// <summary>The output projection, whose initial scale shrinks with depth (see <see cref="Gpt"/>).</summary>
    internal Linear OutputProjection => c_proj;

    /// <summary>A whole sequence at positions 0..T-1, without rotary positions.</summary>
    public override Tensor forward(Tensor x) => forward(x, null, null, 0, null);

    /// <summary>
    /// x (B, T, C) at positions cache.Length..cache.Length+T-1 (0.. without a cache). Rotary angles
    /// (T, d/2) turn q and k when the model uses them. An attention mask (B, 1, T, T), true where query i may see
    /// key j, replaces causal attention (with explicit positions, rotary angles (B, 1, T, d/2)); not with a cache.
    /// </summary>
    public Tensor forward(Tensor x, (Tensor Cos, Tensor Sin)? rotary, GptKvCache? cache, int layer, Tensor? attentionMask)
    {
        if (cache is not null && attentionMask is not null) throw new ArgumentException("an attention mask cannot be combined with a KV cache", nameof(attentionMask));
        var (b, t, c) = (x.shape[0], x.shape[1], x.shape[2]);
        var qkv = c_attn.forward(x).split(c, dim: 2);                  // 3 x (B, T, C)
        var q = qkv[0].view(b, t, _heads, -1).transpose(1, 2);          // (B, H, T, d)
        var k = qkv[1].view(b, t, _heads, -1).transpose(1, 2);          // (B, H, T, d)
        var v = qkv[2].view(b, t, _heads, -1).transpose(1, 2);          // (B, H, T, d)
        if (rotary is var (cos, sin))
        {
            q = GptRotary.Apply(q, cos, sin);
            k = GptRotary.Apply(k, cos, sin);
        }

        var p = training ? _dropout : 0;
        Tensor y;
        if (attentionMask is not null)
        {
            y = functional.scaled_dot_product_attention(q, k, v, attn_mask: attentionMask, p: p);  // (B, H, T, d)
        }
        else if (cache is null)
        {
            y = functional.scaled_dot_product_attention(q, k, v, p: p, is_casual: true);  // (B, H, T, d)
        }
        else
        {
            var start = cache.Length;
            (k, v) = cache.Append(layer, k, v);                                  // (B, H, start+T, d)
            // libtorch's causal flag aligns the mask top-left, which is wrong when the queries are the last T
            // of start+T keys: one query may see every key; several need the mask shifted by start.
            y = t == 1
                ? functional.scaled_dot_product_attention(q, k, v)
                : functional.scaled_dot_product_attention(q, k, v, attn_mask: CausalMask(start, t, x.device));
        }

        y = y.transpose(1, 2).contiguous().view(b, t, c);  // (B, T, C)
        return resid_dropout.forward(c_proj.forward(y));   // (B, T, C)
    }

    /// <summary>True where query i (at position start+i) may look at key j: j &lt;= start + i. (T, start+T)</summary>
    internal static Tensor CausalMask(long start, long length, Device device) =>
        ones(length, start + length, dtype: ScalarType.Bool, device: device).tril(start);
}
