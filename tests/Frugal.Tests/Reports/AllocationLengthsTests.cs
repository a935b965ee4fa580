using Frugal.Reports;

namespace Frugal.Tests.Reports;

public sealed class AllocationLengthsTests
{
    [Fact]
    public void Lengths_give_median_percentiles_and_the_share_at_the_cap()
    {
        int[] tokens = [12, 64, 20, 64, 8, 30, 64, 16, 40, 24];

        var lengths = AllocationLengths.Of(tokens, cap: 64);

        // Sorted: 8 12 16 20 24 30 40 64 64 64; numpy.percentile gives 27, 11.6 and 64.
        Assert.Equal(10, lengths.Count);
        Assert.Equal(27, lengths.Median, 12);
        Assert.Equal(11.6, lengths.P10, 12);
        Assert.Equal(64, lengths.P90, 12);
        Assert.Equal(0.3, lengths.CapShare, 12);
    }

    [Fact]
    public void Lengths_of_one_answer_and_of_none()
    {
        var one = AllocationLengths.Of([5], cap: 64);
        Assert.Equal((5.0, 5.0, 5.0, 0.0), (one.Median, one.P10, one.P90, one.CapShare));
        Assert.True(double.IsNaN(AllocationLengths.Of([], cap: 64).Median));
    }
}
