namespace Frugal.Data.Tasks;

/// <summary>
/// The generators' source of randomness: SplitMix64, so the same seed gives byte-identical data on every .NET
/// version. Record i of a file has its own stream (<see cref="For"/>), so the first n records of a file do not
/// depend on how many are written.
/// </summary>
public sealed class TaskRandom
{
    private SplitMix64 generator;

    public TaskRandom(ulong seed) => generator = new SplitMix64(seed);

    /// <summary>The stream for record <paramref name="index"/> of (task, data kind, seed).</summary>
    public static TaskRandom For(TaskKind task, TaskDataKind kind, int seed, int index)
    {
        var purpose = SplitMix64.Mix(0x7A5C_0000UL + (ulong)task * 16 + (ulong)kind);
        return new TaskRandom(SplitMix64.Mix(purpose ^ SplitMix64.Mix(((ulong)(uint)seed << 32) | (uint)index)));
    }

    /// <summary>Uniform integer in [min, max], both inclusive.</summary>
    public int Next(int min, int max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, min);
        return min + generator.NextBelow(max - min + 1);
    }

    public bool Chance(double probability) => generator.NextBelow(1_000_000) < probability * 1_000_000;

    public T Pick<T>(IReadOnlyList<T> items) => items[generator.NextBelow(items.Count)];

    /// <summary><paramref name="count"/> distinct items in random order.</summary>
    public List<T> PickDistinct<T>(IReadOnlyList<T> items, int count)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, items.Count);
        return [.. generator.Permutation(items.Count).Take(count).Select(i => items[i])];
    }

    public List<T> Shuffle<T>(IReadOnlyList<T> items) => PickDistinct(items, items.Count);
}
