using System.Text;

namespace Frugal.Text;

/// <summary>
/// Learns byte-level BPE merges from documents: start from the 256 bytes, count every adjacent pair inside the
/// pre-tokenized words (<see cref="BpePreTokenizer"/>), merge the most frequent pair everywhere, repeat until the
/// vocabulary holds <c>vocabSize</c> tokens or no pair is left. Ties go to the pair whose ids are smallest
/// (left id first), so the same documents give the same merges on every machine.
/// </summary>
public static class BpeTrainer
{
    /// <param name="vocabSize">Tokens to learn, the 256 bytes included; special tokens come after these.</param>
    public static BpeTokenizer Train(IEnumerable<string> documents, int vocabSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(vocabSize, ByteTokenizer.ByteCount);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var document in documents)
        {
            foreach (var word in BpePreTokenizer.Words(document))
                counts[word] = counts.GetValueOrDefault(word) + 1;
        }
        // Ordinal order: the dictionary's order is an implementation detail, the result must not depend on it.
        var words = counts.OrderBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => (Ids: Encoding.UTF8.GetBytes(c.Key).Select(b => (int)b).ToList(), Count: c.Value))
            .ToList();

        var tokens = Enumerable.Range(0, ByteTokenizer.ByteCount).Select(b => new[] { (byte)b }).ToList();
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < tokens.Count; i++) ids[ByteLevelAlphabet.Spell(tokens[i])] = i;
        var merges = new List<(int Left, int Right)>();
        while (tokens.Count < vocabSize)
        {
            var best = MostFrequentPair(words);
            if (best is not { } pair) break;
            byte[] merged = [.. tokens[pair.Left], .. tokens[pair.Right]];
            var spelled = ByteLevelAlphabet.Spell(merged);
            // Two different merges can spell the same bytes ("a"+"bc", "ab"+"c"): they share one id, as in Hugging Face's trainer.
            if (!ids.TryGetValue(spelled, out var id))
            {
                id = tokens.Count;
                tokens.Add(merged);
                ids[spelled] = id;
            }
            merges.Add(pair);
            foreach (var (word, _) in words) Replace(word, pair, id);
        }
        return new BpeTokenizer(
            [.. tokens.Select(t => ByteLevelAlphabet.Spell(t))],
            [.. merges.Select(m => (ByteLevelAlphabet.Spell(tokens[m.Left]), ByteLevelAlphabet.Spell(tokens[m.Right])))]);
    }

    private static (int Left, int Right)? MostFrequentPair(List<(List<int> Ids, long Count)> words)
    {
        var pairs = new Dictionary<(int, int), long>();
        foreach (var (word, count) in words)
        {
            for (var i = 0; i + 1 < word.Count; i++)
            {
                var pair = (word[i], word[i + 1]);
                pairs[pair] = pairs.GetValueOrDefault(pair) + count;
            }
        }
        (int, int)? best = null;
        long bestCount = 0;
        foreach (var (pair, count) in pairs)
        {
            if (count > bestCount || (count == bestCount && pair.CompareTo(best!.Value) < 0))
                (best, bestCount) = (pair, count);
        }
        return best;
    }

    /// <summary>Every non-overlapping occurrence of the pair, left to right, becomes <paramref name="id"/>.</summary>
    private static void Replace(List<int> word, (int Left, int Right) pair, int id)
    {
        var write = 0;
        for (var read = 0; read < word.Count; read++)
        {
            if (read + 1 < word.Count && word[read] == pair.Left && word[read + 1] == pair.Right)
            {
                word[write++] = id;
                read++;
            }
            else word[write++] = word[read];
        }
        word.RemoveRange(write, word.Count - write);
    }
}
