using System.Globalization;
using System.Text.RegularExpressions;

namespace Frugal.Evaluation;

/// <summary>
/// GSM8K's answer convention: a solution ends with a line "#### ANSWER". The final answer of a text is the rest
/// of the line after its last "####", trimmed. Only that line counts: text on later lines (a model that keeps
/// writing after its answer) is ignored, while text after the answer on the same line makes it another answer
/// ("42 apples" is not "42"), so the metric stays "exact final answer".
/// </summary>
public static partial class FinalAnswer
{
    public const string Marker = "####";

    /// <summary>The final answer, or null when the text has no marker. May be empty (a marker with nothing after it).</summary>
    public static string? Extract(string text)
    {
        var at = text.LastIndexOf(Marker, StringComparison.Ordinal);
        if (at < 0) return null;
        var rest = text.AsSpan(at + Marker.Length);
        var end = rest.IndexOfAny('\n', '\r');
        return (end < 0 ? rest : rest[..end]).Trim().ToString();
    }

    /// <summary>
    /// Whether two final answers agree: as numbers when both are numbers ("1,000" = "1000", "42.0" = "42",
    /// "-3" = "-3.00"), otherwise as strings, exactly. A number is an optional sign, digits (commas allowed only
    /// between groups of three, as thousands separators) and an optional decimal part; compared as decimals,
    /// so there is no binary rounding ("0.3" = "0.30" exactly).
    /// </summary>
    public static bool Agree(string answer, string reference) =>
        Number(answer) is { } a && Number(reference) is { } b ? a == b : answer == reference;

    /// <summary>The value of a number written as <see cref="Agree"/> describes, or null.</summary>
    public static decimal? Number(string text)
    {
        if (!NumberPattern().IsMatch(text)) return null;
        return decimal.TryParse(text.Replace(",", "", StringComparison.Ordinal), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint,
            CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    [GeneratedRegex(@"^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex NumberPattern();
}
