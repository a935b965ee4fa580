using static TorchSharp.torch;

namespace Frugal.Tests.Alignment;

internal static class DpoLossAssert
{
    /// <summary>|actual - expected| &lt;= tolerance * max(1e-12, |expected|): relative, also near zero.</summary>
    public static void Close(double expected, double actual, double tolerance = 1e-5)
    {
        var scale = Math.Max(1e-12, Math.Abs(expected));
        Assert.True(Math.Abs(actual - expected) <= tolerance * scale,
            $"expected {expected:R}, got {actual:R} (tolerance {tolerance} relative)");
    }

    public static double[] Values(Tensor t) => t.to_type(ScalarType.Float64).data<double>().ToArray();
}
