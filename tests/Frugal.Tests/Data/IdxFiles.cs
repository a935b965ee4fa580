using System.Buffers.Binary;
using System.IO.Compression;

namespace Frugal.Tests.Data;

/// <summary>Tiny IDX files in a fresh temporary directory, raw or gzipped, deleted on dispose.</summary>
public sealed class IdxFiles : IDisposable
{
    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("frugal-idx-").FullName;

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);

    /// <summary>Writes the bytes under <paramref name="name"/> (".gz" appended when gzipped) and returns the path.</summary>
    public string Write(string name, byte[] content, bool gzip)
    {
        var path = Path.Combine(Directory, gzip ? name + ".gz" : name);
        using var file = File.Create(path);
        if (gzip)
        {
            using var zip = new GZipStream(file, CompressionLevel.Fastest);
            zip.Write(content);
        }
        else
        {
            file.Write(content);
        }
        return path;
    }

    public static byte[] Header(int magic, params int[] dims)
    {
        var header = new byte[4 * (1 + dims.Length)];
        BinaryPrimitives.WriteInt32BigEndian(header, magic);
        for (var d = 0; d < dims.Length; d++) BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4 * (d + 1)), dims[d]);
        return header;
    }

    /// <summary>Image i has pixel p = (i * 31 + p) mod 256, so every image differs and a copy can be checked.</summary>
    public static byte[] ImagePixels(int count, int rows, int cols) =>
        [.. Enumerable.Range(0, count * rows * cols).Select(k => (byte)((k / (rows * cols) * 31 + k % (rows * cols)) % 256))];

    public static byte[] Images(int count, int rows, int cols) => [.. Header(0x803, count, rows, cols), .. ImagePixels(count, rows, cols)];

    public static byte[] Labels(params byte[] labels) => [.. Header(0x801, labels.Length), .. labels];

    /// <summary>Writes the four files of an MNIST-family directory: 6 train and 3 test images of 2x3, labels i mod 10.</summary>
    public void WriteDataset(bool gzip, int trainCount = 6, int testCount = 3)
    {
        Write("train-images-idx3-ubyte", Images(trainCount, 2, 3), gzip);
        Write("train-labels-idx1-ubyte", Labels([.. Enumerable.Range(0, trainCount).Select(i => (byte)(i % 10))]), gzip);
        Write("t10k-images-idx3-ubyte", Images(testCount, 2, 3), gzip);
        Write("t10k-labels-idx1-ubyte", Labels([.. Enumerable.Range(0, testCount).Select(i => (byte)(i % 10))]), gzip);
    }
}
