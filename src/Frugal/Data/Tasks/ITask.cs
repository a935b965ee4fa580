namespace Frugal.Data.Tasks;

/// <summary>
/// A synthetic task: a seeded generator of problems (prompt, reference, rejected answer) and pretraining text,
/// and a checker. Everything is pure: the same <see cref="TaskRandom"/> stream gives the same item.
/// Verifiable tasks (math, instruct) decide pass/fail; judged tasks (summarize, helpful) compare two answers,
/// and their <see cref="Verify"/> says whether an answer meets the bar the reference meets.
/// </summary>
public interface ITask
{
    TaskKind Kind { get; }

    /// <summary>The fields <see cref="EvalItem"/>s of this task carry, besides prompt and reference.</summary>
    IReadOnlyList<string> FieldNames { get; }

    /// <summary>Whether the study's metric is the win rate against the reference (judged) or the verifier's pass rate.</summary>
    bool IsJudged { get; }

    /// <summary>One problem with its reference, a rejected answer and a pretraining document about it.</summary>
    TaskItem Generate(TaskRandom random);

    Verdict Verify(EvalItem item, string completion);

    /// <summary>
    /// Which answer is better. Verifiable tasks prefer the one passing more checks; judged tasks have their own
    /// judge. Win rate against the reference: <c>Judge(item, completion, item.Reference)</c>, A a win, Tie a half.
    /// </summary>
    Preference Judge(EvalItem item, string a, string b);
}
