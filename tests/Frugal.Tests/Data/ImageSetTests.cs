using Frugal.Data;
using static TorchSharp.torch;

namespace Frugal.Tests.Data;

public class ImageSetTests
{
    // Three 2x2 images; image 1 is all white, image 2 a ramp.
    private static ImageSet Tiny() =>
        new([0, 0, 0, 0, 255, 255, 255, 255, 0, 51, 102, 204], [7, 1, 4], rows: 2, cols: 2, classes: 10);

    [Fact]
    public void Batch_gives_float_images_in_0_to_1_and_int64_labels()
    {
        using var scope = NewDisposeScope();
        var (images, labels) = Tiny().Batch([2, 1]);
        Assert.Equal(new long[] { 2, 1, 2, 2 }, images.shape);
        Assert.Equal(ScalarType.Float32, images.dtype);
        Assert.Equal(new long[] { 2 }, labels.shape);
        Assert.Equal(ScalarType.Int64, labels.dtype);
        Assert.Equal(new[] { 0f, 0.2f, 0.4f, 0.8f, 1f, 1f, 1f, 1f }, images.data<float>().ToArray());
        Assert.Equal(1f, images[1, 0, 0, 0].item<float>()); // exactly 1, not 255 * (1/255f)
        Assert.Equal(new long[] { 4, 1 }, labels.data<long>().ToArray());
    }

    [Fact]
    public void Every_byte_value_becomes_value_over_255()
    {
        // 261 pixels: eight vector blocks of 32 plus a scalar tail of 5.
        var pixels = Enumerable.Range(0, 261).Select(i => (byte)(i < 256 ? 255 - i : i - 256)).ToArray();
        var set = new ImageSet(pixels, [0], rows: 1, cols: 261, classes: 10);
        using var scope = NewDisposeScope();
        var values = set.Batch([0]).Images.data<float>().ToArray();
        Assert.Equal(pixels.Select(p => p / 255f), values);
    }

    [Fact]
    public void Batch_of_one_image_repeated()
    {
        using var scope = NewDisposeScope();
        var (images, labels) = Tiny().Batch([0, 0, 0]);
        Assert.Equal(new long[] { 3, 1, 2, 2 }, images.shape);
        Assert.Equal(0f, images.abs().sum().item<float>());
        Assert.Equal(new long[] { 7, 7, 7 }, labels.data<long>().ToArray());
    }

    [Theory]
    [InlineData(3)]
    [InlineData(-1)]
    public void Batch_rejects_an_index_out_of_range(int index)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Tiny().Batch([0, index]));
    }

    [Fact]
    public void Subset_copies_the_chosen_examples_in_order()
    {
        var subset = Tiny().Subset([2, 0]);
        Assert.Equal((2, 2, 2, 10), (subset.Count, subset.Rows, subset.Cols, subset.Classes));
        Assert.Equal(new byte[] { 0, 51, 102, 204, 0, 0, 0, 0 }, subset.Pixels);
        Assert.Equal(new byte[] { 4, 7 }, subset.Labels);
    }

    [Fact]
    public void The_constructor_checks_sizes_and_labels()
    {
        Assert.Throws<ArgumentException>(() => new ImageSet(new byte[7], [0, 0], 2, 2, 10));
        Assert.Throws<ArgumentException>(() => new ImageSet(new byte[8], [0, 10], 2, 2, 10));
    }
}
