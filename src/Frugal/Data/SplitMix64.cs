namespace Frugal.Data;

/// <summary>
/// Steele, Lea and Flood's SplitMix64 ("Fast splittable pseudorandom number generators", OOPSLA 2014): a 64-bit
/// counter through a mixing function. Frugal's own so that shuffles are identical on every .NET version,
/// which System.Random does not promise.
/// </summary>
internal struct SplitMix64(ulong state)
{
    private const ulong Gamma = 0x9E3779B97F4A7C15;

    public ulong Next()
    {
        state += Gamma;
        return Mix(state);
    }

    /// <summary>Uniform in [0, bound), by Lemire's multiply-and-reject ("Fast random integer generation in an interval", 2019).</summary>
    public int NextBelow(int bound)
    {
        var range = (ulong)bound;
        var high = Math.BigMul(Next(), range, out var low);
        if (low < range)
        {
            var threshold = (0 - range) % range;
            while (low < threshold) high = Math.BigMul(Next(), range, out low);
        }
        return (int)high;
    }

    /// <summary>Fisher-Yates: every permutation of 0..count-1 equally likely.</summary>
    public int[] Permutation(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var order = new int[count];
        for (var i = 0; i < count; i++) order[i] = i;
        for (var i = count - 1; i > 0; i--)
        {
            var j = NextBelow(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order;
    }

    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }

    /// <summary>A generator for one (purpose, a, b) triple; different triples give unrelated streams.</summary>
    public static SplitMix64 For(ulong purpose, int a, int b) =>
        new(Mix(purpose ^ Mix(((ulong)(uint)a << 32) | (uint)b)));
}
