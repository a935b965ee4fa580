using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Frugal.Models;

/// <summary>
/// A pre-norm transformer block (GPT-2, Radford et al. 2019, section 2.3): each half normalises its input
/// and adds its output to the residual stream, x = x + attn(ln_1(x)); x = x + mlp(ln_2(x)).
/// </summary>
public sealed class GptBlock : Module<Tensor, Tensor>
{
    private readonly Module<Tensor, Tensor> ln_1;
    private readonly GptAttention attn;
    private readonly Module<Tensor, Tensor> ln_2;
    private readonly GptMlp mlp;

    public GptBlock(GptConfig config) : base(nameof(GptBlock))
    {
        ln_1 = Norm(config);
        attn = new GptAttention(config);
        ln_2 = Norm(config);
        mlp = new GptMlp(config);
        RegisterComponents();
    }

    internal GptAttention Attention => attn;
    internal GptMlp Mlp => mlp;

    public override Tensor forward(Tensor x) => forward(x, null, null, 0, null);

    /// <summary>x (B, T, C); see <see cref="GptAttention.forward(Tensor, ValueTuple{Tensor, Tensor}?, GptKvCache?, int, Tensor?)"/>.</summary>
    public Tensor forward(Tensor x, (Tensor Cos, Tensor Sin)? rotary, GptKvCache? cache, int layer, Tensor? attentionMask)
    {
        x = x + attn.forward(ln_1.forward(x), rotary, cache, layer, attentionMask);  // (B, T, C)
        return x + mlp.forward(ln_2.forward(x));                      // (B, T, C)
    }

    internal static Module<Tensor, Tensor> Norm(GptConfig config) => config.Norm switch
    {
        GptNormKind.RmsNorm => new RmsNorm(config.Dim),
        _ => LayerNorm(config.Dim),
    };
}
