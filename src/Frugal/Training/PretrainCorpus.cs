using Frugal.Data;
using Frugal.Text;

namespace Frugal.Training;

/// <summary>
/// Pretraining documents from corpus files: JSON Lines in TRL's language-modelling format {"text"} (a .jsonl
/// name), otherwise plain text where one or more blank lines separate documents. Documents are split into
/// training and validation by seed before packing, so no document straddles the two.
/// </summary>
public static class PretrainCorpus
{
    private const ulong Purpose = 0x50726554726E5661; // "PreTrnVa": the split's own stream

    public static List<string> Read(string path)
    {
        if (!File.Exists(path)) throw new BadInputException($"--corpus {path}: not found");
        List<string> documents = path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase)
            ? [.. JsonlReader.ReadText(path).Select(e => e.Text)]
            : SplitPlain(File.ReadLines(path));
        return documents.Count > 0
            ? documents
            : throw new BadInputException($"--corpus {path}: holds no documents; expected plain text (documents separated by blank lines) or .jsonl records {{\"text\"}}");
    }

    /// <summary>Lines joined by '\n' into documents; whitespace-only lines separate them.</summary>
    public static List<string> SplitPlain(IEnumerable<string> lines)
    {
        var documents = new List<string>();
        var current = new List<string>();
        foreach (var line in lines.Append(""))
        {
            if (!string.IsNullOrWhiteSpace(line))
            {
                current.Add(line.TrimEnd('\r'));
                continue;
            }
            if (current.Count > 0) documents.Add(string.Join('\n', current));
            current.Clear();
        }
        return documents;
    }

    /// <summary>
    /// round(fraction x n) documents (at least one, leaving at least one) held out for validation, chosen by a
    /// permutation from the seed; both halves keep the corpus order.
    /// </summary>
    public static (List<string> Train, List<string> Validation) Split(IReadOnlyList<string> documents, double fraction, int seed)
    {
        if (documents.Count < 2)
            throw new BadInputException($"--corpus: {documents.Count} document(s); at least 2 are needed to hold one out for validation");
        var held = Math.Clamp((int)Math.Round(fraction * documents.Count), 1, documents.Count - 1);
        var validation = SplitMix64.For(Purpose, seed, 0).Permutation(documents.Count).Take(held).ToHashSet();
        var (train, val) = (new List<string>(), new List<string>());
        for (var i = 0; i < documents.Count; i++) (validation.Contains(i) ? val : train).Add(documents[i]);
        return (train, val);
    }
}
