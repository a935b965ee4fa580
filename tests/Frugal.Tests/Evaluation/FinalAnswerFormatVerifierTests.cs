using Frugal.Evaluation;

namespace Frugal.Tests.Evaluation;

public class FinalAnswerFormatVerifierTests
{
    private static readonly FinalAnswerFormatVerifier Verifier = new();

    [Theory]
    [InlineData("Step 1: 40 + 2 = 42\n#### 42", true)]
    [InlineData("#### 41", true)]                 // wrong answers still follow the format
    [InlineData("#### -7", true)]
    [InlineData("#### 1,000", true)]
    [InlineData("The answer is 42.", false)]
    [InlineData("#### ", false)]                  // the marker alone is not the format
    [InlineData("#### forty-two", false)]
    [InlineData("", false)]
    public void Passes_when_the_last_marker_holds_a_number(string completion, bool passes)
    {
        var verdict = Verifier.Score(completion, EvalRecord.Of("Q", "no marker needed in the reference"));
        Assert.Equal(passes, verdict.Passed);
        Assert.Null(Verifier.Check(EvalRecord.Of("Q", "no marker needed in the reference")));
    }

    [Fact]
    public void Is_a_verifier_name_the_command_line_accepts() =>
        Assert.Equal(VerifierKind.FinalAnswerFormat, Verifiers.Create("final-answer-format").Kind);
}
