namespace Frugal.Schedules.Tests;

/// <summary>Relative-tolerance comparison: |actual - expected| &lt;= tol * max(1, |expected|).</summary>
public static class Close
{
    public static void Equal(double expected, double actual, double tolerance = 1e-12)
    {
        var scale = Math.Max(1, Math.Abs(expected));
        Assert.True(Math.Abs(actual - expected) <= tolerance * scale,
            $"expected {expected:R}, got {actual:R} (tolerance {tolerance} relative)");
    }
}
