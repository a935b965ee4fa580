using Frugal.Data;

namespace Frugal.Tests.Data;

public class IdxReaderTests
{
    private static BadInputException Fails(string path, Action read)
    {
        var e = Assert.Throws<BadInputException>(read);
        Assert.StartsWith(path + ": ", e.Message);
        Assert.DoesNotContain('\n', e.Message);
        return e;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Reads_images_and_labels(bool gzip)
    {
        using var files = new IdxFiles();
        var images = files.Write("images", IdxFiles.Images(4, 2, 3), gzip);
        var labels = files.Write("labels", IdxFiles.Labels(3, 0, 9, 1), gzip);
        var set = IdxReader.ReadImageSet(images, labels, classes: 10);
        Assert.Equal((4, 2, 3, 10), (set.Count, set.Rows, set.Cols, set.Classes));
        Assert.Equal(IdxFiles.ImagePixels(4, 2, 3), set.Pixels);
        Assert.Equal(new byte[] { 3, 0, 9, 1 }, set.Labels);
    }

    [Fact]
    public void Gzip_is_recognised_by_its_magic_bytes_not_the_name()
    {
        using var files = new IdxFiles();
        var zipped = files.Write("labels", IdxFiles.Labels(1, 2), gzip: true);
        var unnamed = Path.Combine(files.Directory, "labels-without-extension");
        File.Move(zipped, unnamed);
        var raw = files.Write("raw.gz", IdxFiles.Labels(1, 2), gzip: false);
        Assert.Equal(new byte[] { 1, 2 }, IdxReader.ReadLabels(unnamed, 10));
        Assert.Equal(new byte[] { 1, 2 }, IdxReader.ReadLabels(raw, 10));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Bad_magic_is_rejected(bool gzip)
    {
        using var files = new IdxFiles();
        var path = files.Write("images", [.. IdxFiles.Header(0x0D03, 1, 1, 1), 0, 0, 0, 0], gzip);
        var e = Fails(path, () => IdxReader.ReadImages(path));
        Assert.Contains("magic 0x00000D03, expected 0x00000803", e.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_labels_file_given_as_images_is_named_as_such(bool gzip)
    {
        using var files = new IdxFiles();
        var path = files.Write("labels", IdxFiles.Labels(1, 2, 3), gzip);
        var e = Fails(path, () => IdxReader.ReadImages(path));
        Assert.Contains("magic 0x00000801 (an IDX labels file), expected 0x00000803", e.Message);
    }

    [Theory]
    [InlineData(0, 28)]
    [InlineData(28, 0)]
    [InlineData(-1, 28)]
    public void Images_need_positive_rows_and_cols(int rows, int cols)
    {
        using var files = new IdxFiles();
        var path = files.Write("images", IdxFiles.Header(0x803, 5, rows, cols), gzip: true);
        var e = Fails(path, () => IdxReader.ReadImages(path));
        Assert.Contains($"images of {rows}x{cols}, expected positive rows and cols", e.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Truncated_labels_say_how_many_the_header_declares_and_the_file_holds(bool gzip)
    {
        using var files = new IdxFiles();
        var path = files.Write("labels", [.. IdxFiles.Header(0x801, 10), 1, 2, 3, 4, 5, 6, 7], gzip);
        var e = Fails(path, () => IdxReader.ReadLabels(path, 10));
        Assert.Equal($"{path}: truncated: header declares 10 labels, file holds 7", e.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Truncated_images_are_rejected(bool gzip)
    {
        using var files = new IdxFiles();
        var full = IdxFiles.Images(3, 2, 2);
        var path = files.Write("images", full[..^1], gzip);
        var e = Fails(path, () => IdxReader.ReadImages(path));
        Assert.Contains("truncated: header declares 3 images of 2x2 (12 bytes), file holds 11 bytes", e.Message);
    }

    [Fact]
    public void A_truncated_header_is_rejected()
    {
        using var files = new IdxFiles();
        var path = files.Write("images", IdxFiles.Header(0x803, 3, 2), gzip: false);
        var e = Fails(path, () => IdxReader.ReadImages(path));
        Assert.Contains("truncated: header ends before its 3 dimensions", e.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Trailing_bytes_are_rejected(bool gzip)
    {
        using var files = new IdxFiles();
        var images = files.Write("images", [.. IdxFiles.Images(2, 2, 2), 0, 0], gzip);
        var labels = files.Write("labels", [.. IdxFiles.Labels(1, 2), 7], gzip);
        Assert.Contains("2 bytes after the 2 images the header declares", Fails(images, () => IdxReader.ReadImages(images)).Message);
        Assert.Contains("1 bytes after the 2 labels the header declares", Fails(labels, () => IdxReader.ReadLabels(labels, 10)).Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Image_and_label_counts_must_agree(bool gzip)
    {
        using var files = new IdxFiles();
        var images = files.Write("images", IdxFiles.Images(3, 2, 2), gzip);
        var labels = files.Write("labels", IdxFiles.Labels(0, 1), gzip);
        var e = Fails(labels, () => IdxReader.ReadImageSet(images, labels, 10));
        Assert.Contains($"holds 2 labels, but {images} holds 3 images", e.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Labels_must_be_below_the_number_of_classes(bool gzip)
    {
        using var files = new IdxFiles();
        var path = files.Write("labels", IdxFiles.Labels(0, 9, 10, 3), gzip);
        var e = Fails(path, () => IdxReader.ReadLabels(path, 10));
        Assert.Equal($"{path}: label 10 at index 2, expected 0..9", e.Message);
    }

    [Fact]
    public void Corrupt_gzip_and_missing_files_are_bad_input()
    {
        using var files = new IdxFiles();
        var corrupt = files.Write("labels", [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0xde, 0xad, 0xbe, 0xef], gzip: false);
        Fails(corrupt, () => IdxReader.ReadLabels(corrupt, 10));
        var missing = Path.Combine(files.Directory, "absent");
        Assert.Equal($"{missing}: not found", Fails(missing, () => IdxReader.ReadLabels(missing, 10)).Message);
    }
}
