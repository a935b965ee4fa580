using Frugal.Data;
using Frugal.Tests.Data;

namespace Frugal.Tests.Training;

/// <summary>
/// A learnable stand-in for Fashion-MNIST at a tenth of its size per side: 8x8 images whose class
/// lights one of ten pixel blocks, with seeded noise; written as an MNIST-family directory for the CLI.
/// </summary>
public static class TinyImages
{
    public const int Side = 8;

    public static ImageSet Make(int count, int seed)
    {
        var random = new Random(seed);
        var pixels = new byte[count * Side * Side];
        var labels = new byte[count];
        for (var i = 0; i < count; i++)
        {
            var label = i % 10;
            labels[i] = (byte)label;
            for (var p = 0; p < Side * Side; p++)
            {
                var lit = p / 6 == label;
                pixels[i * Side * Side + p] = (byte)(lit ? 160 + random.Next(96) : random.Next(100));
            }
        }
        return new ImageSet(pixels, labels, Side, Side, 10);
    }

    public static DataSplit Split(int trainCount = 400, int testCount = 100) =>
        DataSplit.Create(Make(trainCount, seed: 1), Make(testCount, seed: 2), 0.1);

    /// <summary>Writes the four IDX files of <see cref="Make"/> into the directory, for `--data mnist:DIR`.</summary>
    public static void WriteDirectory(IdxFiles files, int trainCount, int testCount)
    {
        foreach (var (prefix, set) in new[] { ("train", Make(trainCount, 1)), ("t10k", Make(testCount, 2)) })
        {
            files.Write($"{prefix}-images-idx3-ubyte", [.. IdxFiles.Header(0x803, set.Count, Side, Side), .. set.Pixels], gzip: false);
            files.Write($"{prefix}-labels-idx1-ubyte", IdxFiles.Labels(set.Labels), gzip: false);
        }
    }
}
