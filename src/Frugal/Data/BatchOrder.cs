namespace Frugal.Data;

/// <summary>The order in which one epoch visits the training set: a pure function of (seed, epoch), so a resumed run replays it.</summary>
public static class BatchOrder
{
    private const ulong Purpose = 0x42617463684F7264; // "BatchOrd": keeps these streams apart from the split's

    /// <summary>A permutation of 0..count-1, the same on every machine and .NET version for the same arguments.</summary>
    public static int[] Permutation(int count, int seed, int epoch) =>
        SplitMix64.For(Purpose, seed, epoch).Permutation(count);
}
