using Frugal.Data;

namespace Frugal.Tests.Data;

public class DataSplitTests
{
    // Image i is one pixel holding i mod 256 and label i mod 10, so examples can be traced through the split.
    private static ImageSet Numbered(int count) =>
        new([.. Enumerable.Range(0, count).Select(i => (byte)i)], [.. Enumerable.Range(0, count).Select(i => (byte)(i % 10))], 1, 1, 10);

    [Fact]
    public void Validation_is_the_given_fraction_of_train_and_test_is_untouched()
    {
        var train = Numbered(200);
        var test = Numbered(30);
        var split = DataSplit.Create(train, test, validationFraction: 0.1, splitSeed: 0);
        Assert.Equal(180, split.Train.Count);
        Assert.Equal(20, split.Validation.Count);
        Assert.Same(test, split.Test);
    }

    [Fact]
    public void Train_and_validation_are_disjoint_and_cover_the_training_files()
    {
        var split = DataSplit.Create(Numbered(250), Numbered(1), 0.2, splitSeed: 9);
        var trainIds = split.Train.Pixels.Select(p => (int)p).ToHashSet();
        var validationIds = split.Validation.Pixels.Select(p => (int)p).ToHashSet();
        Assert.Equal(200, trainIds.Count);
        Assert.Equal(50, validationIds.Count);
        Assert.Empty(trainIds.Intersect(validationIds));
        // Labels travel with their images.
        Assert.All(split.Train.Pixels.Zip(split.Train.Labels), pl => Assert.Equal(pl.First % 10, pl.Second));
        Assert.All(split.Validation.Pixels.Zip(split.Validation.Labels), pl => Assert.Equal(pl.First % 10, pl.Second));
    }

    [Fact]
    public void The_split_seed_alone_fixes_the_split()
    {
        var train = Numbered(250);
        var a = DataSplit.Create(train, train, 0.2, splitSeed: 1);
        var b = DataSplit.Create(train, train, 0.2, splitSeed: 1);
        var c = DataSplit.Create(train, train, 0.2, splitSeed: 2);
        Assert.Equal(a.Validation.Pixels, b.Validation.Pixels);
        Assert.Equal(a.Train.Pixels, b.Train.Pixels);
        Assert.NotEqual(a.Validation.Pixels, c.Validation.Pixels);
    }

    [Fact]
    public void Validation_is_not_the_first_examples()
    {
        var split = DataSplit.Create(Numbered(250), Numbered(1), 0.2);
        Assert.NotEqual(Enumerable.Range(0, 50).Select(i => (byte)i), split.Validation.Pixels);
        Assert.Equal(split.Validation.Pixels.Order(), split.Validation.Pixels); // files' order kept
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    [InlineData(0.95)] // rounds to all 10 examples
    public void A_fraction_that_leaves_nothing_to_train_on_is_rejected(double fraction)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DataSplit.Create(Numbered(10), Numbered(1), fraction));
    }

    [Fact]
    public void Fraction_zero_gives_an_empty_validation_set()
    {
        var split = DataSplit.Create(Numbered(10), Numbered(1), 0);
        Assert.Equal((10, 0), (split.Train.Count, split.Validation.Count));
    }
}
