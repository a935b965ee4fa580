namespace Frugal.Data;

/// <summary>
/// The random choices of a corpus generator, on <see cref="SplitMix64"/> so a seed gives the same text on every
/// machine and .NET version.
/// </summary>
public sealed class CorpusRandom
{
    private SplitMix64 state;

    internal CorpusRandom(SplitMix64 state) => this.state = state;

    /// <summary>A stream for (purpose, a, b); different triples are unrelated.</summary>
    public static CorpusRandom For(ulong purpose, int a, int b) => new(SplitMix64.For(purpose, a, b));

    /// <summary>Uniform in [0, bound).</summary>
    public int Next(int bound) => state.NextBelow(bound);

    /// <summary>Uniform in [low, high], both included.</summary>
    public int Between(int low, int high) => low + Next(high - low + 1);

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    public bool Chance(double probability) => Next(1 << 20) < probability * (1 << 20);
}
