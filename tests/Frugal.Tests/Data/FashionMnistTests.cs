using Frugal.Data;

namespace Frugal.Tests.Data;

/// <summary>The real files from Debian's dataset-fashion-mnist package, which CI installs: this must run, never skip.</summary>
public class FashionMnistTests
{
    [Fact]
    public void The_installed_package_loads_as_60000_train_and_10000_test_images_of_28x28()
    {
        var (train, test) = DataSource.Parse("fashion-mnist").Load();
        Assert.Equal((60000, 10000), (train.Count, test.Count));
        Assert.All(new[] { train, test }, set =>
        {
            Assert.Equal((28, 28, 10), (set.Rows, set.Cols, set.Classes));
            Assert.Equal(Enumerable.Range(0, 10).Select(c => (byte)c), set.Labels.Distinct().Order());
        });
        // Each class is a tenth of both sets.
        Assert.All(train.Labels.CountBy(l => l), c => Assert.Equal(6000, c.Value));
        Assert.All(test.Labels.CountBy(l => l), c => Assert.Equal(1000, c.Value));
    }
}
