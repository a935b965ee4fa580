using System.Buffers.Binary;
using System.IO.Compression;

namespace Frugal.Data;

/// <summary>
/// Reads the IDX files of the MNIST family (LeCun's format: a big-endian magic 0x0000TTDD, type TT = 0x08
/// for unsigned bytes and DD dimensions, then DD big-endian int32 sizes, then the payload), gzipped or raw.
/// Every problem is a <see cref="BadInputException"/> whose message starts with the file's path.
/// </summary>
public static class IdxReader
{
    public const int ImagesMagic = 0x00000803;
    public const int LabelsMagic = 0x00000801;

    /// <summary>Reads an images file and its labels file and checks that they describe the same examples.</summary>
    public static ImageSet ReadImageSet(string imagesPath, string labelsPath, int classes)
    {
        var (pixels, count, rows, cols) = ReadImages(imagesPath);
        var labels = ReadLabels(labelsPath, classes);
        if (labels.Length != count)
            throw new BadInputException($"{labelsPath}: holds {labels.Length} labels, but {imagesPath} holds {count} images: the two files must come from the same split");
        return new ImageSet(pixels, labels, rows, cols, classes);
    }

    /// <summary>An images file (magic 0x00000803, dimensions count, rows, cols): the pixels, row-major, one image after another.</summary>
    public static (byte[] Pixels, int Count, int Rows, int Cols) ReadImages(string path) =>
        Read(path, stream =>
        {
            var dims = ReadHeader(stream, path, ImagesMagic, "images: count, rows, cols");
            var (count, rows, cols) = (dims[0], dims[1], dims[2]);
            if (count <= 0) throw new BadInputException($"{path}: header declares {count} images, expected a positive count");
            if (rows <= 0 || cols <= 0) throw new BadInputException($"{path}: header declares images of {rows}x{cols}, expected positive rows and cols");
            var size = (long)count * rows * cols;
            if (size > Array.MaxLength)
                throw new BadInputException($"{path}: header declares {count} images of {rows}x{cols} = {size} bytes, more than one array holds ({Array.MaxLength})");
            var pixels = new byte[size];
            var read = stream.ReadAtLeast(pixels, pixels.Length, throwOnEndOfStream: false);
            if (read < pixels.Length)
                throw new BadInputException($"{path}: truncated: header declares {count} images of {rows}x{cols} ({size} bytes), file holds {read} bytes");
            CheckEnd(stream, path, $"{count} images");
            return (pixels, count, rows, cols);
        });

    /// <summary>A labels file (magic 0x00000801, one dimension); every label must be below <paramref name="classes"/>.</summary>
    public static byte[] ReadLabels(string path, int classes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(classes);
        return Read(path, stream =>
        {
            var count = ReadHeader(stream, path, LabelsMagic, "labels: count")[0];
            if (count <= 0) throw new BadInputException($"{path}: header declares {count} labels, expected a positive count");
            var labels = new byte[count];
            var read = stream.ReadAtLeast(labels, labels.Length, throwOnEndOfStream: false);
            if (read < labels.Length)
                throw new BadInputException($"{path}: truncated: header declares {count} labels, file holds {read}");
            CheckEnd(stream, path, $"{count} labels");
            var bad = classes > byte.MaxValue ? -1 : labels.AsSpan().IndexOfAnyInRange((byte)classes, byte.MaxValue);
            if (bad >= 0)
                throw new BadInputException($"{path}: label {labels[bad]} at index {bad}, expected 0..{classes - 1}");
            return labels;
        });
    }

    /// <summary>Opens the file, unzipping it when it starts with gzip's magic bytes (whatever its name says), and streams it.</summary>
    private static T Read<T>(string path, Func<Stream, T> read)
    {
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
            Span<byte> start = stackalloc byte[2];
            var isGzip = file.ReadAtLeast(start, 2, throwOnEndOfStream: false) == 2 && start[0] == 0x1f && start[1] == 0x8b;
            file.Position = 0;
            if (!isGzip) return read(file);
            using var gzip = new GZipStream(file, CompressionMode.Decompress);
            return read(gzip);
        }
        catch (FileNotFoundException) { throw new BadInputException($"{path}: not found"); }
        catch (DirectoryNotFoundException) { throw new BadInputException($"{path}: not found"); }
        catch (InvalidDataException e) { throw new BadInputException($"{path}: corrupt gzip data ({e.Message})"); }
    }

    private static int[] ReadHeader(Stream stream, string path, int magic, string layout)
    {
        Span<byte> word = stackalloc byte[4];
        if (stream.ReadAtLeast(word, 4, throwOnEndOfStream: false) < 4)
            throw new BadInputException($"{path}: truncated: shorter than the 4-byte IDX magic");
        var found = BinaryPrimitives.ReadInt32BigEndian(word);
        if (found != magic)
            throw new BadInputException($"{path}: magic 0x{found:X8}{Known(found)}, expected 0x{magic:X8} (IDX {layout})");
        var dims = new int[magic & 0xff];
        for (var d = 0; d < dims.Length; d++)
        {
            if (stream.ReadAtLeast(word, 4, throwOnEndOfStream: false) < 4)
                throw new BadInputException($"{path}: truncated: header ends before its {dims.Length} dimensions ({layout})");
            dims[d] = BinaryPrimitives.ReadInt32BigEndian(word);
        }
        return dims;
    }

    // A swapped pair of files is the likely mistake, so the message says which kind the file is.
    private static string Known(int magic) => magic switch
    {
        ImagesMagic => " (an IDX images file)",
        LabelsMagic => " (an IDX labels file)",
        _ => "",
    };

    // A longer payload than declared means the header and the data disagree; neither can be trusted.
    private static void CheckEnd(Stream stream, string path, string declared)
    {
        var buffer = new byte[1 << 12];
        long extra = 0;
        int n;
        while ((n = stream.Read(buffer)) > 0) extra += n;
        if (extra > 0)
            throw new BadInputException($"{path}: {extra} bytes after the {declared} the header declares");
    }
}
