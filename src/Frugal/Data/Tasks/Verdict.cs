namespace Frugal.Data.Tasks;

/// <summary>One checked property of a completion (a constraint, the answer, the format) and whether it held.</summary>
public sealed record Check(string Name, bool Passed, string Detail);

/// <summary>
/// A verifier's word on one completion: passed or not, one line saying why, and every check it made
/// (instruction-level accuracy counts those, prompt-level accuracy counts <see cref="Passed"/>).
/// </summary>
public sealed record Verdict(bool Passed, string Reason, IReadOnlyList<Check> Checks)
{
    public static Verdict Of(IReadOnlyList<Check> checks)
    {
        var failed = checks.Where(c => !c.Passed).ToList();
        var reason = failed.Count == 0 ? "ok" : string.Join("; ", failed.Select(c => $"{c.Name}: {c.Detail}"));
        return new Verdict(failed.Count == 0, reason, checks);
    }
}

/// <summary>Which of two answers a judge prefers.</summary>
public enum Preference
{
    A,
    B,
    Tie,
}
