using Frugal.Evaluation;

namespace Frugal.Tests.Evaluation;

public class WilsonIntervalTests
{
    /// <summary>Newcombe (1998), Table II, method 3 (score interval without continuity correction), to 4 decimals.</summary>
    [Theory]
    [InlineData(81, 263, 0.2553, 0.3662)]
    [InlineData(15, 148, 0.0624, 0.1605)]
    [InlineData(0, 20, 0.0000, 0.1611)]
    [InlineData(1, 29, 0.0061, 0.1718)]
    public void Matches_newcombes_table(int successes, int n, double low, double high)
    {
        var interval = WilsonInterval.Of(successes, n);
        Assert.Equal(low, interval.Low, 4);
        Assert.Equal(high, interval.High, 4);
    }

    [Fact]
    public void Matches_the_closed_form_at_half_and_at_the_ends()
    {
        // p = 1/2, n = 10: centre 1/2, half-width z/(1 + z^2/n) sqrt(1/(4n) + z^2/(4n^2)).
        const double z = WilsonInterval.Z95;
        var half = z / (1 + z * z / 10) * Math.Sqrt(1 / 40.0 + z * z / 400);
        var (low, high) = WilsonInterval.Of(5, 10);
        Assert.Equal(0.5 - half, low, 12);
        Assert.Equal(0.5 + half, high, 12);
        Assert.Equal(0.236593090512564, low, 12);

        // All wrong / all right: one bound is exactly 0 or 1 and the other is z^2/(n + z^2) from it.
        Assert.Equal(0.0, WilsonInterval.Of(0, 10).Low);
        Assert.Equal(z * z / (10 + z * z), WilsonInterval.Of(0, 10).High, 12);
        Assert.Equal(10 / (10 + z * z), WilsonInterval.Of(10, 10).Low, 12);
        Assert.Equal(1.0, WilsonInterval.Of(10, 10).High);
    }

    [Fact]
    public void No_records_give_the_whole_unit_interval() => Assert.Equal((0.0, 1.0), WilsonInterval.Of(0, 0));

    [Fact]
    public void Narrows_as_n_grows_and_always_holds_the_estimate()
    {
        var previous = 1.0;
        foreach (var n in new[] { 10, 100, 1000, 10000 })
        {
            var (low, high) = WilsonInterval.Of(3 * n / 10, n);
            Assert.InRange(0.3, low, high);
            Assert.True(high - low < previous);
            previous = high - low;
        }
    }

    [Fact]
    public void Rejects_impossible_counts()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => WilsonInterval.Of(3, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => WilsonInterval.Of(-1, 2));
    }
}
