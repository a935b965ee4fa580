using System.Globalization;

namespace Frugal.Data.Tasks;

/// <summary>What a judged answer gets right and wrong (see <see cref="FactJudge"/>).</summary>
public sealed record FactScore(int Covered, int Facts, IReadOnlyList<string> Missing, IReadOnlyList<string> Wrong,
    IReadOnlyList<string> Invented, int Words, int MaxWords)
{
    public bool TooLong => Words > MaxWords;

    /// <summary>Facts stated minus facts wrong or invented, minus one for running over the length bar.</summary>
    public int Merit => Covered - Wrong.Count - Invented.Count - (TooLong ? 1 : 0);
}

/// <summary>
/// The programmatic judge of the summarize and helpful tasks. An evaluation item names the facts an answer must
/// state ("facts"), the wrong values it must not (distractors, another row's value: "wrong") and a length bar
/// ("max_words"). A word or number from the task's vocabulary that appears nowhere in the prompt is invented.
/// The better answer has more merit (<see cref="FactScore.Merit"/>); equal merit goes to the shorter; same length
/// is a tie. Matching is by whole words, case-insensitive: "4" is not in "14", and a paraphrase of a value
/// ("$5" for "5 dollars") does not count, which is why demonstrations state values the way the prompt does.
/// </summary>
public sealed class FactJudge(IReadOnlyList<string> vocabulary)
{
    public const string FactsField = "facts";
    public const string WrongField = "wrong";
    public const string MaxWordsField = "max_words";

    public static readonly IReadOnlyList<string> Fields = [FactsField, WrongField, MaxWordsField];

    public FactScore Score(EvalItem item, string answer)
    {
        var words = Words.Lower(answer);
        var prompt = Words.Lower(item.Prompt);
        var facts = Words.SplitField(item.Field(FactsField));
        var missing = facts.Where(f => !Words.ContainsPhrase(words, f)).ToList();
        var wrong = Words.SplitField(item.Field(WrongField)).Where(w => Words.ContainsPhrase(words, w)).ToList();
        var invented = vocabulary.Where(v => Words.ContainsPhrase(words, v) && !Words.ContainsPhrase(prompt, v))
            .Concat(words.Where(w => w.All(char.IsAsciiDigit) && !prompt.Contains(w)).Distinct())
            .ToList();
        var maxWords = int.TryParse(item.Field(MaxWordsField), NumberStyles.None, CultureInfo.InvariantCulture, out var m) && m > 0
            ? m
            : throw new BadInputException($"field '{MaxWordsField}' is '{item.Field(MaxWordsField)}', expected a positive whole number");
        return new FactScore(facts.Count - missing.Count, facts.Count, missing, wrong, invented, words.Count, maxWords);
    }

    /// <summary>Passes when every fact is stated, nothing is wrong or invented, and the answer is within the length bar.</summary>
    public Verdict Verify(EvalItem item, string answer)
    {
        var score = Score(item, answer);
        return Verdict.Of(
        [
            new Check("facts", score.Missing.Count == 0, $"missing {string.Join(", ", score.Missing)}"),
            new Check("wrong", score.Wrong.Count == 0, $"states {string.Join(", ", score.Wrong)}"),
            new Check("invented", score.Invented.Count == 0, $"invents {string.Join(", ", score.Invented)}"),
            new Check("length", !score.TooLong, $"{score.Words} words, at most {score.MaxWords}"),
        ]);
    }

    public Preference Judge(EvalItem item, string a, string b)
    {
        var (x, y) = (Score(item, a), Score(item, b));
        if (x.Merit != y.Merit) return x.Merit > y.Merit ? Preference.A : Preference.B;
        if (x.Words != y.Words) return x.Words < y.Words ? Preference.A : Preference.B;
        return Preference.Tie;
    }

    /// <summary>The three judge fields of an evaluation item; the length bar is the reference's length plus <paramref name="slack"/> words.</summary>
    public static Dictionary<string, string> FieldsFor(IEnumerable<string> facts, IEnumerable<string> wrong, string reference, int slack) => new()
    {
        [FactsField] = Words.JoinField(facts),
        [WrongField] = Words.JoinField(wrong),
        [MaxWordsField] = (Words.Count(reference) + slack).ToString(CultureInfo.InvariantCulture),
    };
}
