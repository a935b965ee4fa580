using System.Text.RegularExpressions;

namespace Frugal.Data.Tasks;

/// <summary>
/// Words as the checkers count them: runs of letters, digits and apostrophes, so list markers, quotes and
/// punctuation are not words. Phrases match as whole-word sequences, case-insensitively ("4" is not in "14").
/// </summary>
public static partial class Words
{
    [GeneratedRegex(@"[A-Za-z0-9']+")]
    private static partial Regex WordPattern();

    public static IReadOnlyList<string> Of(string text) => [.. WordPattern().Matches(text).Select(m => m.Value)];

    public static int Count(string text) => WordPattern().Count(text);

    public static IReadOnlyList<string> Lower(string text) => [.. Of(text).Select(w => w.ToLowerInvariant())];

    public static bool ContainsPhrase(IReadOnlyList<string> lowerWords, string phrase)
    {
        var target = Lower(phrase);
        if (target.Count == 0) return false;
        for (var i = 0; i + target.Count <= lowerWords.Count; i++)
        {
            var match = true;
            for (var j = 0; j < target.Count && match; j++) match = lowerWords[i + j] == target[j];
            if (match) return true;
        }
        return false;
    }

    public static bool ContainsPhrase(string text, string phrase) => ContainsPhrase(Lower(text), phrase);

    /// <summary>"a", "a and b", "a, b and c".</summary>
    public static string JoinAnd(IReadOnlyList<string> parts) => parts.Count switch
    {
        0 => "",
        1 => parts[0],
        _ => string.Join(", ", parts.Take(parts.Count - 1)) + " and " + parts[^1],
    };

    public static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    /// <summary>Semicolon-separated list, the form list fields take in evaluation files.</summary>
    public static string JoinField(IEnumerable<string> values) => string.Join(";", values);

    public static IReadOnlyList<string> SplitField(string field) =>
        field.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
