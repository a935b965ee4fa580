using System.ComponentModel;
using System.Globalization;
using Frugal.Schedules;

namespace Frugal.Data.Tasks;

/// <summary>The verifiable instructions of the instruct task (IFEval's kinds, cut down to what a checker decides exactly).</summary>
public enum ConstraintKind
{
    [Description("max-words")] MaxWords,
    [Description("min-words")] MinWords,
    [Description("lowercase")] Lowercase,
    [Description("uppercase")] Uppercase,
    [Description("items")] Items,
    [Description("include")] Include,
    [Description("exclude")] Exclude,
    [Description("quoted")] Quoted,
    [Description("ends-with")] EndsWith,
}

/// <summary>
/// One instruction and its checker. Evaluation files hold a prompt's constraints as "max-words=20;lowercase;include=owl"
/// (<see cref="Encode"/> / <see cref="ParseAll"/>). Words are counted by <see cref="Words"/>; word and phrase
/// matches ignore case, so "include" still holds under an uppercase constraint.
/// </summary>
public sealed record InstructConstraint(ConstraintKind Kind, string Value = "")
{
    public const string ItemMarker = "- ";

    public int Number => int.Parse(Value, CultureInfo.InvariantCulture);

    /// <summary>The sentence the prompt states.</summary>
    public string Instruction => Kind switch
    {
        ConstraintKind.MaxWords => $"Use at most {Value} words.",
        ConstraintKind.MinWords => $"Use at least {Value} words.",
        ConstraintKind.Lowercase => "Write everything in lowercase letters.",
        ConstraintKind.Uppercase => "Write everything in capital letters.",
        ConstraintKind.Items => $"Answer with a list of exactly {Value} items, one per line, each starting with \"{ItemMarker.Trim()}\".",
        ConstraintKind.Include => $"Use the word \"{Value}\".",
        ConstraintKind.Exclude => $"Do not use the word \"{Value}\".",
        ConstraintKind.Quoted => "Wrap your whole answer in double quotes.",
        ConstraintKind.EndsWith => $"End your answer with \"{Value}\".",
        _ => throw new ArgumentOutOfRangeException(nameof(Kind), Kind, null),
    };

    public string Encode() => Value.Length == 0 ? Kind.Name() : $"{Kind.Name()}={Value}";

    public Check Check(string completion)
    {
        var text = completion.Trim();
        var (passed, detail) = Kind switch
        {
            ConstraintKind.MaxWords => Count(Words.Count(text) <= Number, $"{Words.Count(text)} words"),
            ConstraintKind.MinWords => Count(Words.Count(text) >= Number, $"{Words.Count(text)} words"),
            ConstraintKind.Lowercase => (text.Any(char.IsLetter) && !text.Any(char.IsUpper), "has capital letters or no letters"),
            ConstraintKind.Uppercase => (text.Any(char.IsLetter) && !text.Any(char.IsLower), "has lowercase letters or no letters"),
            ConstraintKind.Items => Count(ItemCount(text) == Number, $"{ItemCount(text)} items"),
            ConstraintKind.Include => (Words.ContainsPhrase(text, Value), $"'{Value}' missing"),
            ConstraintKind.Exclude => (!Words.ContainsPhrase(text, Value), $"'{Value}' used"),
            ConstraintKind.Quoted => (text.Length >= 2 && text[0] == '"' && text[^1] == '"', "not wrapped in double quotes"),
            ConstraintKind.EndsWith => (text.EndsWith(Value, StringComparison.OrdinalIgnoreCase), $"does not end with '{Value}'"),
            _ => throw new ArgumentOutOfRangeException(nameof(Kind), Kind, null),
        };
        return new Check(Encode(), passed, passed ? "ok" : detail);
    }

    private static (bool, string) Count(bool passed, string found) => (passed, found);

    public static int ItemCount(string text) =>
        text.Split('\n').Count(line => line.TrimStart('"', ' ', '\t').StartsWith(ItemMarker.Trim(), StringComparison.Ordinal));

    public static string EncodeAll(IEnumerable<InstructConstraint> constraints) => Words.JoinField(constraints.Select(c => c.Encode()));

    /// <summary>Parses an evaluation file's "constraints" field; a wrong one is bad input naming the part at fault.</summary>
    public static IReadOnlyList<InstructConstraint> ParseAll(string field)
    {
        var constraints = new List<InstructConstraint>();
        foreach (var part in Words.SplitField(field))
        {
            var at = part.IndexOf('=');
            var (name, value) = at < 0 ? (part, "") : (part[..at], part[(at + 1)..]);
            if (!EnumNames.TryParse<ConstraintKind>(name, out var kind))
                throw new BadInputException($"constraint '{part}': unknown kind '{name}', expected one of {EnumNames.List<ConstraintKind>()}");
            var needsValue = kind is ConstraintKind.MaxWords or ConstraintKind.MinWords or ConstraintKind.Items
                or ConstraintKind.Include or ConstraintKind.Exclude or ConstraintKind.EndsWith;
            if (needsValue && value.Length == 0) throw new BadInputException($"constraint '{part}': expected {name}=VALUE");
            if (!needsValue && value.Length > 0) throw new BadInputException($"constraint '{part}': {name} takes no value");
            if (kind is ConstraintKind.MaxWords or ConstraintKind.MinWords or ConstraintKind.Items
                && !(int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0))
                throw new BadInputException($"constraint '{part}': expected a positive whole number after '='");
            constraints.Add(new InstructConstraint(kind, value));
        }
        return constraints.Count > 0 ? constraints : throw new BadInputException($"constraints '{field}': none given");
    }
}
