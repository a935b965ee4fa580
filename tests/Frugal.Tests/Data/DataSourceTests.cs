using Frugal.Schedules;
using Frugal.Data;

namespace Frugal.Tests.Data;

public class DataSourceTests
{
    [Theory]
    [InlineData("fashion-mnist", DatasetKind.FashionMnist, "/usr/share/datasets/fashion-mnist")]
    [InlineData("Fashion-MNIST", DatasetKind.FashionMnist, "/usr/share/datasets/fashion-mnist")]
    [InlineData("fashion-mnist:/data/fm", DatasetKind.FashionMnist, "/data/fm")]
    [InlineData("MNIST:relative/dir", DatasetKind.Mnist, "relative/dir")]
    [InlineData("mnist:C:\\data", DatasetKind.Mnist, "C:\\data")]
    public void Parses_name_and_directory(string text, DatasetKind kind, string directory)
    {
        var source = DataSource.Parse(text);
        Assert.Equal(new DataSource(kind, directory), source);
        Assert.Equal(source, DataSource.Parse(source.ToString()));
    }

    [Theory]
    [InlineData("cifar10", "unknown data set 'cifar10', expected one of fashion-mnist, mnist")]
    [InlineData("", "unknown data set ''")]
    [InlineData("mnist", "mnist has no default directory: pass --data mnist:DIR")]
    [InlineData("fashion-mnist:", "names no directory")]
    public void Rejects_bad_text(string text, string message)
    {
        var e = Assert.Throws<BadInputException>(() => DataSource.Parse(text));
        Assert.StartsWith("--data: ", e.Message);
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void Every_known_name_parses_with_a_directory()
    {
        foreach (var kind in EnumNames.All<DatasetKind>())
            Assert.Equal(kind, DataSource.Parse($"{kind.Name()}:/x").Kind);
    }

    [Fact]
    public void Missing_files_name_the_path_the_package_and_the_option()
    {
        using var files = new IdxFiles();
        var e = Assert.Throws<BadInputException>(() => DataSource.Parse($"fashion-mnist:{files.Directory}").Load());
        Assert.Equal(
            $"fashion-mnist: {files.Directory}/train-images-idx3-ubyte.gz not found: install Debian's dataset-fashion-mnist package (apt-get install dataset-fashion-mnist) or pass --data fashion-mnist:DIR",
            e.Message);
        var mnist = Assert.Throws<BadInputException>(() => DataSource.Parse($"mnist:{files.Directory}").Load());
        Assert.StartsWith($"mnist: {files.Directory}/train-images-idx3-ubyte.gz not found: pass --data mnist:DIR", mnist.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Loads_a_directory_of_raw_or_gzipped_files(bool gzip)
    {
        using var files = new IdxFiles();
        files.WriteDataset(gzip);
        var (train, test) = DataSource.Parse($"mnist:{files.Directory}").Load();
        Assert.Equal((6, 3, 2, 3, 10), (train.Count, test.Count, train.Rows, train.Cols, train.Classes));
        Assert.Equal(IdxFiles.ImagePixels(6, 2, 3), train.Pixels);
    }

    [Fact]
    public void Gzipped_files_are_preferred_over_raw_ones()
    {
        using var files = new IdxFiles();
        files.WriteDataset(gzip: false, trainCount: 4);
        files.WriteDataset(gzip: true, trainCount: 5);
        Assert.Equal(5, DataSource.Parse($"mnist:{files.Directory}").Load().Train.Count);
    }

    [Fact]
    public void Loads_are_cached_until_a_file_changes()
    {
        using var files = new IdxFiles();
        files.WriteDataset(gzip: true);
        var source = DataSource.Parse($"mnist:{files.Directory}");
        var first = source.Load();
        var again = DataSource.Parse($"mnist:{files.Directory}/.").Load(); // same files, spelled differently
        Assert.Same(first.Train, again.Train);
        Assert.Same(first.Test, again.Test);

        files.WriteDataset(gzip: true, testCount: 4);
        File.SetLastWriteTimeUtc(Path.Combine(files.Directory, "t10k-images-idx3-ubyte.gz"), DateTime.UtcNow.AddMinutes(1));
        File.SetLastWriteTimeUtc(Path.Combine(files.Directory, "t10k-labels-idx1-ubyte.gz"), DateTime.UtcNow.AddMinutes(1));
        var reread = source.Load();
        Assert.NotSame(first.Train, reread.Train);
        Assert.Equal(4, reread.Test.Count);
    }

    [Fact]
    public void A_bad_file_in_the_directory_is_named()
    {
        using var files = new IdxFiles();
        files.WriteDataset(gzip: true);
        var labels = files.Write("t10k-labels-idx1-ubyte", IdxFiles.Labels(0, 1), gzip: true);
        var e = Assert.Throws<BadInputException>(() => DataSource.Parse($"mnist:{files.Directory}").Load());
        Assert.StartsWith($"{labels}: holds 2 labels, but ", e.Message);
    }
}
