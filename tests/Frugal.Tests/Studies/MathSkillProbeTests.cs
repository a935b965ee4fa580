using Frugal.Studies.Allocation;

namespace Frugal.Tests.Studies;

public class MathSkillProbeTests
{
    [Theory]
    [InlineData(" 13 + 5 = 18. 18 - 2 = 16. So Ava has 16 stamps now.\n55 + 15 = 70", "16", true)]
    [InlineData(" 13 + 5 = 18. So Ava has 18 stamps now.\n7 + 9 = 16\n", "16", false)]
    [InlineData(" 13 + 5 = 18. 18 - 2 = 160.", "16", false)]
    [InlineData("", "16", false)]
    public void The_answer_counts_only_on_the_line_continuing_the_problem(string continuation, string answer, bool stated) =>
        Assert.Equal(stated, MathSkillProbe.StatesAnswer(continuation, answer));
}
