using Frugal.Data.Tasks;

namespace Frugal.Tests.Data.Tasks;

public class InstructConstraintTests
{
    private static bool Holds(string encoded, string text) => Assert.Single(InstructConstraint.ParseAll(encoded)).Check(text).Passed;

    [Theory]
    [InlineData("max-words=4", "The owl is quiet.", true)]
    [InlineData("max-words=3", "The owl is quiet.", false)]
    [InlineData("max-words=3", "- Owl\n- Fox\n- Old moss", false)]
    [InlineData("max-words=4", "\"- Owl, fox; moss!\"", true)]
    [InlineData("min-words=4", "The owl is quiet.", true)]
    [InlineData("min-words=5", "The owl is quiet.", false)]
    [InlineData("lowercase", "the owl is quiet.", true)]
    [InlineData("lowercase", "The owl is quiet.", false)]
    [InlineData("lowercase", "...", false)]
    [InlineData("uppercase", "THE OWL - 3.", true)]
    [InlineData("uppercase", "THE OWl", false)]
    [InlineData("items=2", "- owl\n- fox", true)]
    [InlineData("items=2", "- owl\n- fox\nThe end.", true)]
    [InlineData("items=2", "- owl\n- fox\n- moss", false)]
    [InlineData("items=2", "owl, fox", false)]
    [InlineData("include=owl", "An OWL sits.", true)]
    [InlineData("include=owl", "An owlet sits.", false)]
    [InlineData("exclude=owl", "An owlet sits.", true)]
    [InlineData("exclude=owl", "- Owl", false)]
    [InlineData("quoted", "\"The owl.\"", true)]
    [InlineData("quoted", "  \"The owl.\"\n", true)]
    [InlineData("quoted", "\"The owl.", false)]
    [InlineData("quoted", "\"", false)]
    [InlineData("ends-with=That is all.", "The owl. THAT IS ALL.", true)]
    [InlineData("ends-with=That is all.", "The owl. That is all", false)]
    [InlineData("ends-with=That is all.", "That is all. The owl.", false)]
    public void Checks_each_instruction(string constraint, string text, bool holds) => Assert.Equal(holds, Holds(constraint, text));

    [Fact]
    public void Encodes_and_parses_a_list_and_verifies_per_constraint()
    {
        var field = "max-words=5;lowercase;include=owl;ends-with=The end.";
        var parsed = InstructConstraint.ParseAll(field);
        Assert.Equal(field, InstructConstraint.EncodeAll(parsed));
        var item = new EvalItem("Write.\n", "the owl. the end.", new Dictionary<string, string> { ["constraints"] = field });
        var verdict = new InstructTask().Verify(item, "The owl sits. The end.");
        Assert.False(verdict.Passed);
        Assert.Equal([true, false, true, true], verdict.Checks.Select(c => c.Passed));
        Assert.Equal("lowercase: has capital letters or no letters", verdict.Reason);
        Assert.Equal(Preference.B, new InstructTask().Judge(item, "The owl sits. The end.", "the owl sits. the end."));
    }

    [Theory]
    [InlineData("max-words", "expected max-words=VALUE")]
    [InlineData("max-words=0", "positive whole number")]
    [InlineData("items=two", "positive whole number")]
    [InlineData("lowercase=yes", "takes no value")]
    [InlineData("shout", "unknown kind 'shout', expected one of max-words, min-words")]
    [InlineData(";", "none given")]
    public void Bad_constraint_fields_are_bad_input(string field, string message)
    {
        var e = Assert.Throws<BadInputException>(() => InstructConstraint.ParseAll(field));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void Prompts_state_one_to_three_instructions_and_every_kind_occurs()
    {
        var task = new InstructTask();
        var kinds = new HashSet<ConstraintKind>();
        for (var seed = 0; seed < 300; seed++)
        {
            var item = task.Generate(new TaskRandom((ulong)seed));
            var constraints = InstructConstraint.ParseAll(item.Eval.Field("constraints"));
            Assert.InRange(constraints.Count, 1, 3);
            foreach (var c in constraints)
            {
                Assert.Contains(c.Instruction, item.Prompt);
                kinds.Add(c.Kind);
            }
        }
        Assert.Equal(Enum.GetValues<ConstraintKind>().Length, kinds.Count);
    }
}
