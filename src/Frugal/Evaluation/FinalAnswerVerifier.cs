namespace Frugal.Evaluation;

/// <summary>
/// Exact final-answer accuracy, the GSM8K metric: the completion's <see cref="FinalAnswer"/> agrees with the
/// reference's. A completion without "####" fails (it gave no final answer); a reference without one is bad data.
/// </summary>
public sealed class FinalAnswerVerifier : IVerifier
{
    public VerifierKind Kind => VerifierKind.FinalAnswer;

    public string? Check(EvalRecord record) => FinalAnswer.Extract(record.Reference) switch
    {
        null => $"the reference has no '{FinalAnswer.Marker}' line, which the final-answer verifier compares against",
        "" => $"the reference's '{FinalAnswer.Marker}' line has no answer after the marker",
        _ => null,
    };

    public Verdict Score(string completion, EvalRecord record)
    {
        var expected = FinalAnswer.Extract(record.Reference)
            ?? throw new ArgumentException($"{record.Where}: {Check(record)}", nameof(record));
        return FinalAnswer.Extract(completion) switch
        {
            null => Verdict.Fail($"no '{FinalAnswer.Marker}' final answer in the completion"),
            "" => Verdict.Fail($"nothing after the completion's last '{FinalAnswer.Marker}'"),
            var answer when FinalAnswer.Agree(answer, expected) => Verdict.Pass($"final answer '{answer}' = '{expected}'"),
            var answer => Verdict.Fail($"final answer '{answer}' != '{expected}'"),
        };
    }
}
