namespace Frugal.Evaluation;

/// <summary>
/// Scores one generated completion against the record it answers. A verifier is a pure function of the two:
/// no model, no state, so the same completion always gets the same verdict.
/// </summary>
public interface IVerifier
{
    VerifierKind Kind { get; }

    /// <summary>
    /// What the record lacks for this verifier (e.g. a reference with no final answer), or null when it can be
    /// scored. Checked for every record before any generation, so bad data fails in seconds, not after an hour.
    /// </summary>
    string? Check(EvalRecord record);

    Verdict Score(string completion, EvalRecord record);
}

/// <summary>Pass or fail, and why, in words a person reading the per-record output understands.</summary>
public sealed record Verdict(bool Passed, string Reason)
{
    public static Verdict Pass(string reason) => new(true, reason);

    public static Verdict Fail(string reason) => new(false, reason);
}
