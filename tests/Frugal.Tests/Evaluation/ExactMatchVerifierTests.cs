using Frugal.Evaluation;

namespace Frugal.Tests.Evaluation;

public class ExactMatchVerifierTests
{
    private static readonly ExactMatchVerifier Verifier = new();

    [Theory]
    [InlineData("Paris", "Paris")]
    [InlineData("  Paris\n", "Paris")]
    [InlineData("Paris", "\tParis ")]
    [InlineData("a  b", "a  b")]
    public void Passes_when_equal_after_trimming(string completion, string reference) =>
        Assert.True(Verifier.Score(completion, EvalRecord.Of("Q", reference)).Passed);

    [Theory]
    [InlineData("paris", "Paris", "the completion differs from the reference at character 1 ('p' vs 'P')")]
    [InlineData("Paris.", "Paris", "the completion differs from the reference at character 6 ('.' vs the end)")]
    [InlineData("a b", "a  b", "the completion differs from the reference at character 3 ('b' vs ' ')")]
    [InlineData("", "Paris", "the completion differs from the reference at character 1 (the end vs 'P')")]
    [InlineData("#### 42.0", "#### 42", "the completion differs from the reference at character 8 ('.' vs the end)")]
    public void Fails_naming_the_first_difference(string completion, string reference, string reason)
    {
        var verdict = Verifier.Score(completion, EvalRecord.Of("Q", reference));
        Assert.False(verdict.Passed);
        Assert.Equal(reason, verdict.Reason);
    }

    [Fact]
    public void A_blank_reference_is_reported_by_the_check()
    {
        Assert.NotNull(Verifier.Check(EvalRecord.Of("Q", " \n")));
        Assert.Null(Verifier.Check(EvalRecord.Of("Q", "x")));
    }
}
