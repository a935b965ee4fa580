using Frugal.Schedules;

namespace Frugal.Data;

/// <summary>
/// A corpus of generated general text for pretraining without downloads (`frugal lm corpus`). Document i
/// draws its kind and content from its own stream (seed, i), so the first N documents of a larger corpus
/// are the same as a corpus of N. New kinds (e.g. a task's raw text) plug in as <see cref="ICorpusSource"/>.
/// </summary>
public static class CorpusGenerator
{
    private const ulong Purpose = 0x436F7270446F6373; // "CorpDocs"

    public static ICorpusSource Source(CorpusKind kind, int seed) => kind switch
    {
        CorpusKind.Arithmetic => new CorpusArithmetic(),
        CorpusKind.Facts => new CorpusFacts(seed),
        CorpusKind.Lists => new CorpusLists(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <param name="kinds">Which generators to mix, each equally likely per document; null = all of them.</param>
    public static IEnumerable<string> Documents(int count, int seed, IReadOnlyList<CorpusKind>? kinds = null) =>
        Documents(count, seed, [.. (kinds ?? EnumNames.All<CorpusKind>()).Select(k => Source(k, seed))]);

    public static IEnumerable<string> Documents(int count, int seed, IReadOnlyList<ICorpusSource> sources)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (sources.Count == 0) throw new ArgumentException("at least one source is needed", nameof(sources));
        for (var i = 0; i < count; i++)
        {
            var random = CorpusRandom.For(Purpose, seed, i);
            yield return random.Pick(sources).Document(random);
        }
    }

    /// <summary>Documents separated by one blank line, written to a temporary name and renamed.</summary>
    public static void Write(string path, IEnumerable<string> documents)
    {
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } directory) Directory.CreateDirectory(directory);
        AtomicFile.Write(path, temporary =>
        {
            using var writer = new StreamWriter(temporary);
            var first = true;
            foreach (var document in documents)
            {
                if (!first) writer.Write("\n\n");
                writer.Write(document);
                first = false;
            }
            writer.Write('\n');
        });
    }
}
