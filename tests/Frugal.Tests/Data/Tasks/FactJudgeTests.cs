using Frugal.Data.Tasks;

namespace Frugal.Tests.Data.Tasks;

public class FactJudgeTests
{
    private static readonly EvalItem Post = new(
        "Summarize this post in one short sentence.\nOur bake sale is on Friday this week. It takes place at the library. " +
        "Tickets cost 4 dollars. Last year it was on Monday at the town hall.\n",
        "The bake sale is on Friday at the library, tickets cost 4 dollars.",
        new Dictionary<string, string> { ["facts"] = "bake sale;Friday;library;4 dollars", ["wrong"] = "Monday;town hall", ["max_words"] = "18" });

    private static readonly SummarizeTask Task = new();

    [Theory]
    [InlineData("The bake sale is on Friday at the library, tickets cost 4 dollars.", true, "ok")]
    [InlineData("Bake sale: Friday, library, 4 dollars.", true, "ok")]
    [InlineData("The bake sale is on Friday at the library.", false, "facts: missing 4 dollars")]
    [InlineData("The bake sale is on Monday at the library, tickets cost 4 dollars.", false, "states Monday")]
    [InlineData("The bake sale is on Friday at the library, tickets cost 14 dollars.", false, "invents 14")]
    [InlineData("The bake sale is on Friday at the school gym, tickets cost 4 dollars.", false, "invents school gym")]
    [InlineData("The bake sale is on Friday at the library, tickets cost 4 dollars, and it will be a lovely day out for all.", false, "length: 23 words, at most 18")]
    public void Verifies_facts_errors_and_length(string summary, bool passes, string reason)
    {
        var verdict = Task.Verify(Post, summary);
        Assert.Equal(passes, verdict.Passed);
        Assert.Contains(reason, verdict.Reason);
    }

    [Theory]
    [InlineData("Bake sale: Friday, library, 4 dollars.", "The bake sale is on Friday at the library, tickets cost 4 dollars.", Preference.A)]
    [InlineData("The bake sale is on Friday.", "The bake sale is on Friday at the library.", Preference.B)]
    [InlineData("The bake sale is on Friday at the library, 4 dollars, not Monday.", "The bake sale is on Friday at the library.", Preference.B)]
    [InlineData("Friday, library.", "Library, Friday.", Preference.Tie)]
    [InlineData("", "Friday.", Preference.B)]
    public void Judges_by_merit_then_brevity(string a, string b, Preference expected)
    {
        Assert.Equal(expected, Task.Judge(Post, a, b));
        var mirrored = expected switch { Preference.A => Preference.B, Preference.B => Preference.A, _ => Preference.Tie };
        Assert.Equal(mirrored, Task.Judge(Post, b, a));
    }

    [Fact]
    public void Helpful_answers_are_judged_on_the_asked_row()
    {
        var item = new EvalItem(
            "Answer the question using the table.\n| item | price | stock |\n| pears | 5 | 30 |\n| plums | 3 | 41 |\nQuestion: What is the price of pears?\n",
            "Pears cost 5.",
            new Dictionary<string, string> { ["facts"] = "5", ["wrong"] = "3", ["max_words"] = "9" });
        var task = new HelpfulTask();
        Assert.True(task.Verify(item, "Pears cost 5.").Passed);
        Assert.True(task.Verify(item, "5").Passed);
        Assert.True(task.Verify(item, "Pears cost 5 and 30 are in stock.").Passed);
        Assert.Contains("states 3", task.Verify(item, "Pears cost 3.").Reason);
        Assert.Contains("invents 7", task.Verify(item, "Pears cost 5, or 7.").Reason);
        Assert.Contains("invents spain", task.Verify(item, "Pears cost 5, from Spain.").Reason, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(Preference.A, task.Judge(item, "Pears cost 5.", "Pears cost 3."));
        Assert.Equal(0.5, task.Judge(item, "Pears cost 5.", "Pears cost 5.").WinScore());
    }

    [Fact]
    public void A_bad_length_field_is_bad_input()
    {
        var item = Post with { Fields = new Dictionary<string, string>(Post.Fields) { ["max_words"] = "many" } };
        Assert.Contains("max_words", Assert.Throws<BadInputException>(() => Task.Verify(item, "x")).Message);
    }
}
