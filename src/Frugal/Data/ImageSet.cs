using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using static TorchSharp.torch;

namespace Frugal.Data;

/// <summary>
/// Labelled grey-scale images held as bytes, as the IDX files store them: 47 MB for Fashion-MNIST's
/// training set instead of 188 MB as floats. Batches are converted to floats on the way out.
/// Sets are shared between trials (see <see cref="DataSource.Load"/>): never write to the arrays.
/// </summary>
public sealed class ImageSet
{
    public ImageSet(byte[] pixels, byte[] labels, int rows, int cols, int classes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(cols);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(classes);
        if (pixels.LongLength != (long)labels.Length * rows * cols)
            throw new ArgumentException($"{pixels.Length} pixels do not make {labels.Length} images of {rows}x{cols}", nameof(pixels));
        if (classes <= byte.MaxValue && labels.AsSpan().IndexOfAnyInRange((byte)classes, byte.MaxValue) is var bad and >= 0)
            throw new ArgumentException($"label {labels[bad]} at index {bad} is not below {classes} classes", nameof(labels));
        (Pixels, Labels, Rows, Cols, Classes) = (pixels, labels, rows, cols, classes);
    }

    public int Count => Labels.Length;
    public int Rows { get; }
    public int Cols { get; }
    public int Classes { get; }

    /// <summary>Count x Rows x Cols, row-major, 0 = background.</summary>
    public byte[] Pixels { get; }

    public byte[] Labels { get; }

    private int ImageSize => Rows * Cols;

    /// <summary>A copy holding the given examples in the given order.</summary>
    public ImageSet Subset(int[] indices)
    {
        var pixels = new byte[(long)indices.Length * ImageSize];
        var labels = new byte[indices.Length];
        for (var b = 0; b < indices.Length; b++)
        {
            Image(indices[b]).CopyTo(pixels.AsSpan(b * ImageSize, ImageSize));
            labels[b] = Labels[indices[b]];
        }
        return new ImageSet(pixels, labels, Rows, Cols, Classes);
    }

    /// <summary>
    /// Images as float32 (B, 1, Rows, Cols) in [0, 1] and labels as int64 (B). Runs every training step, so it
    /// writes straight into the two tensors' storage: no managed arrays, no intermediate tensors.
    /// </summary>
    public (Tensor Images, Tensor Labels) Batch(ReadOnlySpan<int> indices)
    {
        foreach (var index in indices) CheckIndex(index);
        var images = empty([indices.Length, 1, Rows, Cols], ScalarType.Float32);
        var labels = empty([indices.Length], ScalarType.Int64);
        var imageData = MemoryMarshal.Cast<byte, float>(images.bytes);
        var labelData = MemoryMarshal.Cast<byte, long>(labels.bytes);
        for (var b = 0; b < indices.Length; b++)
        {
            var source = Pixels.AsSpan(indices[b] * ImageSize, ImageSize);
            var target = imageData.Slice(b * ImageSize, ImageSize);
            ToUnitRange(source, target);
            labelData[b] = Labels[indices[b]];
        }
        return (images, labels);
    }

    // Vectorised because it touches every pixel of every batch. Division, as torchvision's ToTensor does:
    // x * (1/255f) differs in the last bit for 126 of the 256 byte values.
    private static void ToUnitRange(ReadOnlySpan<byte> source, Span<float> target)
    {
        var p = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var divisor = Vector256.Create(255f);
            for (; p <= source.Length - Vector256<byte>.Count; p += Vector256<byte>.Count)
            {
                var (low, high) = Vector256.Widen(Vector256.Create(source.Slice(p, Vector256<byte>.Count)));
                var (a, b) = Vector256.Widen(low);
                var (c, d) = Vector256.Widen(high);
                (Vector256.ConvertToSingle(a) / divisor).CopyTo(target[p..]);
                (Vector256.ConvertToSingle(b) / divisor).CopyTo(target[(p + 8)..]);
                (Vector256.ConvertToSingle(c) / divisor).CopyTo(target[(p + 16)..]);
                (Vector256.ConvertToSingle(d) / divisor).CopyTo(target[(p + 24)..]);
            }
        }
        for (; p < source.Length; p++) target[p] = source[p] / 255f;
    }

    private ReadOnlySpan<byte> Image(int index)
    {
        CheckIndex(index);
        return Pixels.AsSpan(index * ImageSize, ImageSize);
    }

    private void CheckIndex(int index)
    {
        if ((uint)index >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(index), index, $"an index into {Count} examples");
    }
}
