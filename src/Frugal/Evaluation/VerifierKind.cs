using System.ComponentModel;
using Frugal.Data.Tasks;
using Frugal.Schedules;

namespace Frugal.Evaluation;

/// <summary>
/// The ways a completion can be scored against its record; the descriptions are the names `--verifier` takes.
/// This enum is the only list of verifiers: parsing, help, error messages and <see cref="Verifiers.Create"/> read it.
/// </summary>
public enum VerifierKind
{
    /// <summary>GSM8K's convention: the answer after the last "####" equals the reference's (numbers compared as numbers).</summary>
    [Description("final-answer")] FinalAnswer,

    /// <summary>The whole completion equals the reference, surrounding whitespace ignored.</summary>
    [Description("exact-match")] ExactMatch,

    /// <summary>
    /// Format adherence, not correctness: the completion ends its reasoning with a "####" line holding a number.
    /// A marker alone does not count (the Balancing-the-Budget prototype's format metric was fooled by that).
    /// </summary>
    [Description("final-answer-format")] FinalAnswerFormat,

    /// <summary>The math task's checker: a "#### N" line with the right number (`frugal tasks make --task math`).</summary>
    [Description("math")] Math,

    /// <summary>The instruct task's checker: every constraint of the prompt holds.</summary>
    [Description("instruct")] Instruct,

    /// <summary>The summarize task's judge: at least as good as the reference summary.</summary>
    [Description("summarize")] Summarize,

    /// <summary>The helpful task's judge: at least as good as the reference answer.</summary>
    [Description("helpful")] Helpful,
}

public static class Verifiers
{
    public static IVerifier Create(VerifierKind kind) => kind switch
    {
        VerifierKind.FinalAnswer => new FinalAnswerVerifier(),
        VerifierKind.ExactMatch => new ExactMatchVerifier(),
        VerifierKind.FinalAnswerFormat => new FinalAnswerFormatVerifier(),
        VerifierKind.Math => TaskVerifier.For(TaskKind.Math.Create()),
        VerifierKind.Instruct => TaskVerifier.For(TaskKind.Instruct.Create()),
        VerifierKind.Summarize => TaskVerifier.For(TaskKind.Summarize.Create()),
        VerifierKind.Helpful => TaskVerifier.For(TaskKind.Helpful.Create()),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <param name="option">Where the name came from, for the error message.</param>
    public static IVerifier Create(string? name, string option = "--verifier") =>
        EnumNames.TryParse<VerifierKind>(name, out var kind)
            ? Create(kind)
            : throw new BadInputException($"{option}: unknown verifier '{name}', expected one of {EnumNames.List<VerifierKind>()}");
}
