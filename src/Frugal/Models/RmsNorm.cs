using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Frugal.Models;

/// <summary>
/// "Root Mean Square Layer Normalization" (Zhang and Sennrich 2019): y = x / sqrt(mean(x^2) + eps) * weight
/// over the last dimension. No centring and no bias: cheaper than LayerNorm and as good in transformers.
/// TorchSharp 0.107 has no RMSNorm module.
/// </summary>
public sealed class RmsNorm : Module<Tensor, Tensor>
{
    private readonly Parameter weight;
    private readonly double _eps;

    public RmsNorm(long dim, double eps = 1e-6) : base(nameof(RmsNorm))
    {
        weight = Parameter(ones(dim));
        _eps = eps;
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        var inverseRms = (x.square().mean([-1], keepdim: true) + _eps).rsqrt();  // (..., 1)
        return x * inverseRms * weight;                                           // (..., C)
    }
}
