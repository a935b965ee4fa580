using System.ComponentModel;
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
}

public static class Verifiers
{
    public static IVerifier Create(VerifierKind kind) => kind switch
    {
        VerifierKind.FinalAnswer => new FinalAnswerVerifier(),
        VerifierKind.ExactMatch => new ExactMatchVerifier(),
        VerifierKind.FinalAnswerFormat => new FinalAnswerFormatVerifier(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <param name="option">Where the name came from, for the error message.</param>
    public static IVerifier Create(string? name, string option = "--verifier") =>
        EnumNames.TryParse<VerifierKind>(name, out var kind)
            ? Create(kind)
            : throw new BadInputException($"{option}: unknown verifier '{name}', expected one of {EnumNames.List<VerifierKind>()}");
}
