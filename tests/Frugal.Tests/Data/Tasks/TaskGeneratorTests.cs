using Frugal.Data.Tasks;
using Frugal.Schedules;

namespace Frugal.Tests.Data.Tasks;

public class TaskGeneratorTests
{
    private const int Seeds = 300;

    public static TheoryData<TaskKind> AllTasks() => [.. EnumNames.All<TaskKind>()];

    [Theory]
    [MemberData(nameof(AllTasks))]
    public void Same_seed_same_bytes_and_other_seeds_differ(TaskKind kind)
    {
        var task = kind.Create();
        foreach (var data in EnumNames.All<TaskDataKind>())
        {
            var first = Enumerable.Range(0, 20).Select(i => TaskData.Line(task, data, 7, i)).ToList();
            var again = Enumerable.Range(0, 20).Select(i => TaskData.Line(kind.Create(), data, 7, i)).ToList();
            var other = Enumerable.Range(0, 20).Select(i => TaskData.Line(task, data, 8, i)).ToList();
            Assert.Equal(first, again);
            Assert.NotEqual(first, other);
            Assert.True(first.Distinct().Count() >= 15, $"{kind} {data}: only {first.Distinct().Count()} distinct records of 20");
        }
    }

    [Theory]
    [MemberData(nameof(AllTasks))]
    public void Every_reference_passes_and_every_rejected_answer_fails_and_loses(TaskKind kind)
    {
        var task = kind.Create();
        var slips = new HashSet<string>();
        for (var seed = 0; seed < Seeds; seed++)
        {
            var item = task.Generate(new TaskRandom((ulong)seed));
            var chosen = task.Verify(item.Eval, item.Reference);
            Assert.True(chosen.Passed, $"{kind} seed {seed}: reference fails ({chosen.Reason}):\n{item.Prompt}{item.Reference}");
            var rejected = task.Verify(item.Eval, item.Rejected);
            Assert.False(rejected.Passed, $"{kind} seed {seed}: rejected ({item.Slip}) passes:\n{item.Prompt}{item.Rejected}");
            Assert.Equal(Preference.A, task.Judge(item.Eval, item.Reference, item.Rejected));
            Assert.Equal(Preference.B, task.Judge(item.Eval, item.Rejected, item.Reference));
            Assert.Equal(Preference.Tie, task.Judge(item.Eval, item.Reference, item.Reference));
            Assert.NotEqual(item.Reference, item.Rejected);
            slips.Add(item.Slip);
        }
        Assert.True(slips.Count >= 3, $"{kind}: only slips {string.Join(", ", slips)}");
    }

    [Theory]
    [MemberData(nameof(AllTasks))]
    public void Raw_text_never_holds_the_response_format(TaskKind kind)
    {
        var task = kind.Create();
        for (var i = 0; i < Seeds; i++)
        {
            var item = TaskData.Item(task, TaskDataKind.Raw, 1, i);
            // A helpful answer is the context's own sentence, so only the question-answer layout is kept out of its raw text.
            if (kind != TaskKind.Helpful) Assert.DoesNotContain(item.Reference, item.Raw);
            switch (kind)
            {
                case TaskKind.Math:
                    Assert.DoesNotContain("####", item.Raw);
                    Assert.DoesNotContain("Step ", item.Raw);
                    Assert.Contains(item.Eval.Field(MathTask.AnswerField), item.Raw);
                    break;
                case TaskKind.Instruct:
                    Assert.DoesNotContain("Use ", item.Raw);
                    Assert.DoesNotContain("Write ", item.Raw);
                    break;
                case TaskKind.Summarize:
                    Assert.DoesNotContain("Summarize", item.Raw);
                    break;
                case TaskKind.Helpful:
                    Assert.DoesNotContain("Question:", item.Raw);
                    break;
            }
        }
    }

    [Theory]
    [MemberData(nameof(AllTasks))]
    public void Evaluation_problems_are_held_out_of_training_data(TaskKind kind)
    {
        var task = kind.Create();
        var eval = Enumerable.Range(0, 100).Select(i => TaskData.Item(task, TaskDataKind.Eval, 3, i).Prompt).ToList();
        Assert.All(eval, p => Assert.True(TaskData.IsHeldOut(p)));
        foreach (var data in new[] { TaskDataKind.Raw, TaskDataKind.Sft, TaskDataKind.Preference })
        {
            var train = Enumerable.Range(0, 300).Select(i => TaskData.Item(task, data, 3, i).Prompt).ToHashSet();
            Assert.All(train, p => Assert.False(TaskData.IsHeldOut(p)));
            Assert.Empty(train.Intersect(eval));
        }
    }
}
