using System.Text;
using Frugal.Schedules;
using Ml = Microsoft.ML.Tokenizers;

namespace Frugal.Text;

/// <summary>
/// Byte-level BPE learned by <see cref="BpeTrainer"/>: ids 0..<see cref="LearnedSize"/>-1 are the vocabulary (the
/// 256 bytes and the merged tokens), then the special tokens in <see cref="SpecialToken"/> order, as
/// <see cref="ByteTokenizer"/> puts them after its bytes. Encoding is Microsoft.ML.Tokenizers' byte-level BPE with
/// GPT-2's pre-tokenizer; decoding maps each id back to its bytes here, so any text round-trips exactly.
/// </summary>
public sealed class BpeTokenizer : ITokenizer
{
    public const string KindName = "bpe";

    private static readonly string[] SpecialTexts = [.. EnumNames.All<SpecialToken>().Select(t => t.Name())];

    private readonly byte[][] bytes;
    private readonly Ml.BpeTokenizer encoder;

    /// <param name="vocabulary">Token spellings in <see cref="ByteLevelAlphabet"/>, in id order; every byte must be one.</param>
    /// <param name="merges">In rank order; each side and its concatenation are in the vocabulary.</param>
    public BpeTokenizer(IReadOnlyList<string> vocabulary, IReadOnlyList<(string Left, string Right)> merges)
    {
        Vocabulary = vocabulary;
        Merges = merges;
        bytes = [.. vocabulary.Select(t => ByteLevelAlphabet.Bytes(t) ?? throw new ArgumentException($"token '{t}' is not byte-level", nameof(vocabulary)))];
        encoder = Ml.BpeTokenizer.Create(new Ml.BpeOptions(vocabulary.Select((t, id) => new KeyValuePair<string, int>(t, id)))
        {
            Merges = merges.Select(m => $"{m.Left} {m.Right}"),
            ByteLevel = true,
            PreTokenizer = new Ml.RegexPreTokenizer(BpePreTokenizer.Pattern(), null),
        });
    }

    public IReadOnlyList<string> Vocabulary { get; }

    public IReadOnlyList<(string Left, string Right)> Merges { get; }

    /// <summary>Learned tokens, bytes included; the first special id.</summary>
    public int LearnedSize => Vocabulary.Count;

    /// <summary>Same vocabulary and merges: the same text gets the same ids.</summary>
    public bool SameAs(BpeTokenizer other) => Vocabulary.SequenceEqual(other.Vocabulary) && Merges.SequenceEqual(other.Merges);

    public string Kind => KindName;

    public int VocabSize => LearnedSize + SpecialTexts.Length;

    public int Bos => SpecialId(SpecialToken.Bos);

    public int Eos => SpecialId(SpecialToken.Eos);

    public int Pad => SpecialId(SpecialToken.Pad);

    public int SpecialId(SpecialToken token) => LearnedSize + (int)token;

    public int[] Encode(string text) => text.Length == 0 ? [] : [.. encoder.EncodeToIds(text)];

    public string Decode(ReadOnlySpan<int> ids, bool skipSpecial = false)
    {
        var text = new StringBuilder(ids.Length);
        var pending = new List<byte>(ids.Length * 2);
        foreach (var id in ids)
        {
            if ((uint)id < (uint)LearnedSize)
            {
                pending.AddRange(bytes[id]);
                continue;
            }
            if ((uint)id >= (uint)VocabSize) throw new ArgumentOutOfRangeException(nameof(ids), id, $"token id outside the vocabulary 0..{VocabSize - 1}");
            // As ByteTokenizer: bytes before a special token are decoded on their own.
            text.Append(Encoding.UTF8.GetString([.. pending]));
            pending.Clear();
            if (!skipSpecial) text.Append(SpecialTexts[id - LearnedSize]);
        }
        text.Append(Encoding.UTF8.GetString([.. pending]));
        return text.ToString();
    }
}
