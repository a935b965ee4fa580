using Frugal.Evaluation;
using Frugal.Schedules;

namespace Frugal.Tests.Evaluation;

public class VerifierKindTests
{
    [Fact]
    public void Every_kind_has_a_verifier_that_reports_its_own_kind()
    {
        foreach (var kind in EnumNames.All<VerifierKind>())
        {
            Assert.Equal(kind, Verifiers.Create(kind).Kind);
            Assert.Equal(kind, Verifiers.Create(kind.Name()).Kind);
        }
        Assert.Equal("final-answer, exact-match, final-answer-format, math, instruct, summarize, helpful", EnumNames.List<VerifierKind>());
    }

    [Fact]
    public void An_unknown_name_lists_the_valid_ones()
    {
        var error = Assert.Throws<BadInputException>(() => Verifiers.Create("regex"));
        Assert.Equal("--verifier: unknown verifier 'regex', expected one of final-answer, exact-match, final-answer-format, math, instruct, summarize, helpful", error.Message);
    }
}
