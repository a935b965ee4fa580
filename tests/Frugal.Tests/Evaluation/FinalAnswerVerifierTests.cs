using Frugal.Evaluation;

namespace Frugal.Tests.Evaluation;

public class FinalAnswerVerifierTests
{
    private static readonly FinalAnswerVerifier Verifier = new();

    private static Verdict Score(string completion, string reference) =>
        Verifier.Score(completion, EvalRecord.Of("Q", reference));

    [Theory]
    [InlineData("Step 1: 40 + 2 = 42\n#### 42", "Step 1: 6 * 7 = 42\n#### 42")]
    [InlineData("#### 42", "#### 42")]
    [InlineData("####42", "#### 42")]                         // no space after the marker
    [InlineData("#### 1,000", "#### 1000")]                   // thousands separators
    [InlineData("#### 1000", "#### 1,000")]
    [InlineData("#### 42.0", "#### 42")]                      // the same number written two ways
    [InlineData("#### 42.", "#### 42")]
    [InlineData("#### -17", "#### -17.00")]                   // negative numbers
    [InlineData("#### +5", "#### 5")]
    [InlineData("#### 0.30", "#### 0.3")]                     // decimals compared exactly, not in binary
    [InlineData("#### 7 #### 42", "#### 42")]                 // several markers: the last one counts
    [InlineData("#### 41\nStep 2: fix\n#### 42", "#### 42")]
    [InlineData("#### 42\nQuestion: what is 3+4?", "#### 42")] // text on later lines is ignored
    [InlineData("####   42   \r\n", "#### 42")]
    [InlineData("#### Paris", "#### Paris")]                  // a non-number compares as text
    public void Passes_when_the_final_answers_agree(string completion, string reference)
    {
        var verdict = Score(completion, reference);
        Assert.True(verdict.Passed, verdict.Reason);
        Assert.StartsWith("final answer '", verdict.Reason);
    }

    [Theory]
    [InlineData("The answer is 42.", "#### 42", "no '####' final answer in the completion")]
    [InlineData("", "#### 42", "no '####' final answer in the completion")]
    [InlineData("#### ", "#### 42", "nothing after the completion's last '####'")]
    [InlineData("#### 42 ####", "#### 42", "nothing after the completion's last '####'")]
    [InlineData("#### 41", "#### 42", "final answer '41' != '42'")]
    [InlineData("#### -42", "#### 42", "final answer '-42' != '42'")]
    [InlineData("#### 42 apples", "#### 42", "final answer '42 apples' != '42'")]  // trailing text on the answer line
    [InlineData("#### 42 #### 7", "#### 42", "final answer '7' != '42'")]
    [InlineData("#### 1,00", "#### 100", "final answer '1,00' != '100'")]          // a comma that separates no thousands
    [InlineData("#### paris", "#### Paris", "final answer 'paris' != 'Paris'")]   // text is case-sensitive
    [InlineData("#### 4.2", "#### 42", "final answer '4.2' != '42'")]
    public void Fails_with_a_reason(string completion, string reference, string reason)
    {
        var verdict = Score(completion, reference);
        Assert.False(verdict.Passed);
        Assert.Equal(reason, verdict.Reason);
    }

    [Fact]
    public void A_reference_without_a_final_answer_is_reported_by_the_check()
    {
        Assert.Null(Verifier.Check(EvalRecord.Of("Q", "Step 1\n#### 3")));
        Assert.Equal("the reference has no '####' line, which the final-answer verifier compares against", Verifier.Check(EvalRecord.Of("Q", "3")));
        Assert.Equal("the reference's '####' line has no answer after the marker", Verifier.Check(EvalRecord.Of("Q", "3 ####\n")));
    }

    [Theory]
    [InlineData("1,234,567", 1234567)]
    [InlineData("-0.5", -0.5)]
    [InlineData("007", 7)]
    public void Numbers_parse_with_thousands_separators_and_signs(string text, double value) =>
        Assert.Equal((decimal)value, FinalAnswer.Number(text));

    [Theory]
    [InlineData("12a")]
    [InlineData("1,2345")]
    [InlineData(",123")]
    [InlineData("1.2.3")]
    [InlineData("")]
    [InlineData("- 5")]
    [InlineData("99999999999999999999999999999999999")]  // beyond decimal: compared as text, not an overflow
    public void Other_text_is_not_a_number(string text) => Assert.Null(FinalAnswer.Number(text));
}
