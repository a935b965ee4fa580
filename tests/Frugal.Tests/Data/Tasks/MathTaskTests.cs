using System.Text.RegularExpressions;
using Frugal.Data.Tasks;

namespace Frugal.Tests.Data.Tasks;

public class MathTaskTests
{
    private static readonly MathTask Task = new();

    private static EvalItem Item(string answer) => new("Q\n", $"#### {answer}", new Dictionary<string, string> { ["answer"] = answer });

    [Theory]
    [InlineData("Step 1: 12 + 7 = 19\n#### 19", true, "ok")]
    [InlineData("#### 19", true, "ok")]
    [InlineData("####19", true, "ok")]
    [InlineData("Step 1: 12 + 7 = 19\n  #### 19  \n", true, "ok")]
    [InlineData("Step 1: 12 + 7 = 19\n#### 19\n#### 20", true, "ok")]
    [InlineData("Step 1: 12 + 7 = 19\n#### 20\n#### 19", false, "final answer 20, expected 19")]
    [InlineData("Step 1: 12 + 7 = 19", false, "format: no line '#### N'")]
    [InlineData("The answer is 19", false, "format")]
    [InlineData("####", false, "format")]
    [InlineData("#### nineteen", false, "format")]
    [InlineData("#### 19.0", false, "format")]
    [InlineData("#### 019", true, "ok")]
    [InlineData("So 19 #### 19", false, "format")]
    public void Verifies_the_first_final_line_exactly(string completion, bool passes, string reason)
    {
        var verdict = Task.Verify(Item("19"), completion);
        Assert.Equal(passes, verdict.Passed);
        Assert.Contains(reason, verdict.Reason);
        Assert.Equal(["format", "answer"], verdict.Checks.Select(c => c.Name));
    }

    [Fact]
    public void Negative_answers_and_the_format_check_are_separate()
    {
        Assert.True(Task.Verify(Item("-3"), "#### -3").Passed);
        var wrong = Task.Verify(Item("4"), "#### 5");
        Assert.True(wrong.Checks[0].Passed);
        Assert.False(wrong.Checks[1].Passed);
        Assert.Equal(Preference.A, Task.Judge(Item("4"), "#### 5", "4"));
    }

    [Fact]
    public void Demonstrations_are_correct_steps_within_the_difficulty()
    {
        var difficulty = new MathDifficulty();
        var step = new Regex(@"^Step (\d): (\d+) ([-+*]) (\d+) = (\d+)$");
        for (var seed = 0; seed < 300; seed++)
        {
            var item = Task.Generate(new TaskRandom((ulong)seed));
            var lines = item.Reference.Split('\n');
            Assert.InRange(lines.Length - 1, difficulty.MinSteps, difficulty.MaxSteps);
            for (var i = 0; i < lines.Length - 1; i++)
            {
                var m = step.Match(lines[i]);
                Assert.True(m.Success, lines[i]);
                var (a, op, b, c) = (int.Parse(m.Groups[2].Value), m.Groups[3].Value[0], int.Parse(m.Groups[4].Value), int.Parse(m.Groups[5].Value));
                Assert.Equal(MathStep.Apply(a, op, b), c);
                Assert.InRange(c, 0, difficulty.MaxValue);
                Assert.InRange(b, 1, op == '*' ? difficulty.MaxFactor : difficulty.MaxOperand);
            }
            Assert.Equal($"#### {item.Eval.Field("answer")}", lines[^1]);
        }
    }

    [Fact]
    public void Drills_cover_every_amount_a_problem_can_reach_and_every_operation()
    {
        var difficulty = new MathDifficulty();
        var drills = Enumerable.Range(0, 2000).Select(s => Task.Drill(new TaskRandom((ulong)s))).ToList();
        Assert.All(drills, d =>
        {
            Assert.Equal(MathStep.Apply(d.Left, d.Op, d.Operand), d.Result);
            Assert.InRange(d.Result, 1, difficulty.MaxValue);
        });
        // Problems reach amounts up to MaxValue; drills stopping at half of it left those equations unpractised.
        Assert.Contains(drills, d => d.Left > difficulty.MaxValue * 3 / 4);
        Assert.Equal(['*', '+', '-'], drills.Select(d => d.Op).Distinct().Order());
        var raw = Task.Generate(new TaskRandom(7)).Raw;
        Assert.Equal(MathTask.DrillsPerDocument, raw.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length - 1);
    }

    [Fact]
    public void Slips_keep_the_format_and_change_the_answer()
    {
        for (var seed = 0; seed < 300; seed++)
        {
            var item = Task.Generate(new TaskRandom((ulong)seed));
            var verdict = Task.Verify(item.Eval, item.Rejected);
            Assert.True(verdict.Checks[0].Passed, item.Rejected);
            Assert.Equal(item.Reference.Split('\n').Length, item.Rejected.Split('\n').Length);
        }
    }

    [Fact]
    public void Difficulty_validation_names_every_problem()
    {
        Assert.Empty(new MathDifficulty().Validate());
        var problems = new MathDifficulty { MinSteps = 0, MaxOperand = 1, MaxFactor = 0, MultiplyShare = 2 }.Validate().ToList();
        Assert.Equal(4, problems.Count);
        Assert.Contains(problems, p => p.Contains("MaxFactor"));
    }

    [Fact]
    public void Harder_settings_reach_larger_numbers()
    {
        var hard = new MathTask(new MathDifficulty { MaxOperand = 50, MaxValue = 999, MinSteps = 4, MaxSteps = 4 });
        var answers = Enumerable.Range(0, 200).Select(s => int.Parse(hard.Generate(new TaskRandom((ulong)s)).Eval.Field("answer"))).ToList();
        Assert.Contains(answers, a => a > 99);
        Assert.All(Enumerable.Range(0, 50), s => Assert.Equal(5, hard.Generate(new TaskRandom((ulong)s)).Reference.Split('\n').Length));
    }
}
