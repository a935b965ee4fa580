using System.Text;
using Frugal.Schedules;

namespace Frugal.Text;

/// <summary>
/// UTF-8 bytes as ids 0..255, then the special tokens in <see cref="SpecialToken"/> order from 256
/// (&lt;|bos|&gt; = 256, &lt;|eos|&gt; = 257, &lt;|pad|&gt; = 258, ...). Needs no training and no file, and
/// round-trips every well-formed string exactly (an unpaired surrogate is not valid UTF-16 and encodes as U+FFFD).
/// </summary>
public sealed class ByteTokenizer : ITokenizer
{
    public const string KindName = "byte";
    public const int ByteCount = 256;

    // Before Instance: static initialisers run in order, and the constructor reads it.
    private static readonly string[] SpecialTexts = [.. EnumNames.All<SpecialToken>().Select(t => t.Name())];

    public static ByteTokenizer Instance { get; } = new();

    public string Kind => KindName;

    public int VocabSize { get; } = ByteCount + SpecialTexts.Length;

    public int Bos => SpecialId(SpecialToken.Bos);

    public int Eos => SpecialId(SpecialToken.Eos);

    public int Pad => SpecialId(SpecialToken.Pad);

    public int SpecialId(SpecialToken token) => ByteCount + (int)token;

    public int[] Encode(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var ids = new int[bytes.Length];
        for (var i = 0; i < bytes.Length; i++) ids[i] = bytes[i];
        return ids;
    }

    public string Decode(ReadOnlySpan<int> ids, bool skipSpecial = false)
    {
        var text = new StringBuilder(ids.Length);
        var bytes = new byte[ids.Length];
        var pending = 0;
        foreach (var id in ids)
        {
            if ((uint)id < ByteCount)
            {
                bytes[pending++] = (byte)id;
                continue;
            }
            if ((uint)id >= (uint)VocabSize) throw new ArgumentOutOfRangeException(nameof(ids), id, $"token id outside the vocabulary 0..{VocabSize - 1}");
            // Bytes before a special token are decoded on their own: a multi-byte character cut by it becomes U+FFFD.
            text.Append(Encoding.UTF8.GetString(bytes, 0, pending));
            pending = 0;
            if (!skipSpecial) text.Append(SpecialTexts[id - ByteCount]);
        }
        text.Append(Encoding.UTF8.GetString(bytes, 0, pending));
        return text.ToString();
    }
}
