using static TorchSharp.torch;

namespace Frugal.Models;

/// <summary>
/// Rotary position embeddings ("RoFormer", Su et al. 2021, eq. 34): coordinate i of a head is paired with
/// coordinate i + d/2 and the pair is turned by the angle m * base^(-2i/d) at position m. The dot product of
/// a rotated query and key then depends only on their distance, and cached keys never need re-rotating.
/// </summary>
public static class GptRotary
{
    /// <summary>RoFormer's base, also LLaMA's and GPT-NeoX's.</summary>
    public const double Base = 10_000;

    /// <summary>
    /// cos and sin of the angles at the given positions, in the given dtype: positions (T) give (T, d/2) each;
    /// per-row positions (B, T) give (B, 1, T, d/2), which broadcast over the heads of (B, H, T, d).
    /// </summary>
    public static (Tensor Cos, Tensor Sin) Angles(Tensor positions, int headDim, ScalarType dtype)
    {
        using var scope = NewDisposeScope();
        var inverseFrequency = (arange(0, headDim, 2, dtype: ScalarType.Float64, device: positions.device) * (-Math.Log(Base) / headDim)).exp();  // (d/2)
        var angles = positions.to_type(ScalarType.Float64).unsqueeze(-1) * inverseFrequency;  // (T, d/2) or (B, T, d/2)
        if (positions.dim() == 2) angles = angles.unsqueeze(1);  // (B, 1, T, d/2)
        return scope.MoveToOuter(angles.cos().to(dtype), angles.sin().to(dtype));
    }

    /// <summary>Rotates queries or keys x (B, H, T, d) by the angles of their positions, (T, d/2) or (B, 1, T, d/2).</summary>
    public static Tensor Apply(Tensor x, Tensor cos, Tensor sin)
    {
        var halves = x.chunk(2, -1);
        var (x1, x2) = (halves[0], halves[1]);  // (B, H, T, d/2) each
        return cat([x1 * cos - x2 * sin, x1 * sin + x2 * cos], -1);  // (B, H, T, d)
    }
}
