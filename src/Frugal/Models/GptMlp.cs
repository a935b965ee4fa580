using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Frugal.Models;

/// <summary>
/// The position-wise feed-forward network of a block: c_fc widens, a nonlinearity, c_proj narrows back.
/// GELU (GPT-2): c_proj(gelu(c_fc(x))). SwiGLU (Shazeer 2020, eq. 6): c_fc gives a gate and a value,
/// c_proj(silu(gate) * value).
/// </summary>
public sealed class GptMlp : Module<Tensor, Tensor>
{
    private readonly Linear c_fc;
    private readonly Linear c_proj;
    private readonly Dropout dropout;
    private readonly GptMlpKind _kind;

    public GptMlp(GptConfig config) : base(nameof(GptMlp))
    {
        _kind = config.Mlp;
        var width = _kind == GptMlpKind.SwiGlu ? 2 * config.MlpHidden : config.MlpHidden;
        c_fc = Linear(config.Dim, width, hasBias: false);
        c_proj = Linear(config.MlpHidden, config.Dim, hasBias: false);
        dropout = Dropout(config.Dropout);
        RegisterComponents();
    }

    /// <summary>The output projection, whose initial scale shrinks with depth (see <see cref="Gpt"/>).</summary>
    internal Linear OutputProjection => c_proj;

    public override Tensor forward(Tensor x)
    {
        var h = c_fc.forward(x);  // (B, T, H) or (B, T, 2H)
        if (_kind == GptMlpKind.SwiGlu)
        {
            var gateValue = h.chunk(2, -1);
            h = functional.silu(gateValue[0]) * gateValue[1];  // (B, T, H)
        }
        else
        {
            h = functional.gelu(h);  // (B, T, H)
        }
        return dropout.forward(c_proj.forward(h));  // (B, T, C)
    }
}
