namespace Frugal.Text;

/// <summary>
/// GPT-2's byte-to-character map: every byte gets one printable character (printable ASCII and Latin-1 map to
/// themselves, the rest to U+0100 onwards, so a space is 'Ġ'). Byte-level BPE vocabularies and merges are written
/// in these characters, which is how Hugging Face tokenizer.json files and Microsoft.ML.Tokenizers spell them.
/// </summary>
public static class ByteLevelAlphabet
{
    private static readonly char[] ByteToChar = Build();
    private static readonly Dictionary<char, byte> CharToByte = Enumerable.Range(0, 256).ToDictionary(b => ByteToChar[b], b => (byte)b);

    public static string Spell(ReadOnlySpan<byte> bytes)
    {
        var chars = new char[bytes.Length];
        for (var i = 0; i < bytes.Length; i++) chars[i] = ByteToChar[bytes[i]];
        return new string(chars);
    }

    /// <summary>The bytes a token spells, or null when it holds a character outside the alphabet.</summary>
    public static byte[]? Bytes(string token)
    {
        var bytes = new byte[token.Length];
        for (var i = 0; i < token.Length; i++)
        {
            if (!CharToByte.TryGetValue(token[i], out bytes[i])) return null;
        }
        return bytes;
    }

    private static char[] Build()
    {
        var map = new char[256];
        var next = 256;
        for (var b = 0; b < 256; b++)
        {
            var printable = b is >= '!' and <= '~' or >= 0xA1 and <= 0xAC or >= 0xAE and <= 0xFF;
            map[b] = printable ? (char)b : (char)next++;
        }
        return map;
    }
}
