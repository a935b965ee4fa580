namespace Frugal.Evaluation;

/// <summary>
/// Whether a completion follows the step-by-step answer format: its last "####" line holds a number. The
/// reference is not consulted, so the rate measures what SFT teaches (the format) apart from what it gets right.
/// </summary>
public sealed class FinalAnswerFormatVerifier : IVerifier
{
    public VerifierKind Kind => VerifierKind.FinalAnswerFormat;

    public string? Check(EvalRecord record) => null;

    public Verdict Score(string completion, EvalRecord record) => FinalAnswer.Extract(completion) switch
    {
        null => Verdict.Fail($"no '{FinalAnswer.Marker}' line"),
        var answer when FinalAnswer.Number(answer) is not null => Verdict.Pass($"'{FinalAnswer.Marker} {answer}' is a number"),
        var answer => Verdict.Fail($"'{FinalAnswer.Marker} {answer}' is not a number"),
    };
}
