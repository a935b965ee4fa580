namespace Frugal.Evaluation;

/// <summary>The completion, trimmed of surrounding whitespace, equals the reference trimmed the same way (ordinal, case-sensitive).</summary>
public sealed class ExactMatchVerifier : IVerifier
{
    public VerifierKind Kind => VerifierKind.ExactMatch;

    public string? Check(EvalRecord record) =>
        record.Reference.Trim().Length > 0 ? null : "the reference is only whitespace, so no completion could match it";

    public Verdict Score(string completion, EvalRecord record)
    {
        var (got, expected) = (completion.Trim(), record.Reference.Trim());
        return got == expected
            ? Verdict.Pass("the completion equals the reference")
            : Verdict.Fail($"the completion differs from the reference {FirstDifference(got, expected)}");
    }

    /// <summary>"at character 3 ('x' vs 'y')", so a near miss is easy to see in the per-record output.</summary>
    private static string FirstDifference(string got, string expected)
    {
        var at = 0;
        while (at < got.Length && at < expected.Length && got[at] == expected[at]) at++;
        static string At(string s, int i) => i < s.Length ? $"'{s[i]}'" : "the end";
        return $"at character {at + 1} ({At(got, at)} vs {At(expected, at)})";
    }
}
