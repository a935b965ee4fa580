using System.Text.RegularExpressions;

namespace Frugal.Text;

/// <summary>
/// GPT-2's split of text into words before BPE: contractions, letters with one leading space, digits with one
/// leading space, other symbols with one leading space, and whitespace runs. Merges never cross these pieces,
/// and the pieces cover the text exactly, so encoding loses nothing. Training and encoding use the same split.
/// </summary>
public static partial class BpePreTokenizer
{
    [GeneratedRegex(@"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+")]
    public static partial Regex Pattern();

    public static List<string> Words(string text)
    {
        var words = new List<string>();
        foreach (var match in Pattern().EnumerateMatches(text)) words.Add(text.Substring(match.Index, match.Length));
        return words;
    }
}
