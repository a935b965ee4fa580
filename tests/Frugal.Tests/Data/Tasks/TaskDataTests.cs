using Frugal.Data.Tasks;
using Frugal.Schedules;
using Frugal.Tests.Text;
using Frugal.Text;

namespace Frugal.Tests.Data.Tasks;

public class TaskDataTests
{
    public static TheoryData<TaskKind> AllTasks() => [.. EnumNames.All<TaskKind>()];

    private static string Write(TextFiles files, TaskKind task, TaskDataKind kind, int n, int seed = 4)
    {
        var path = Path.Combine(files.Root, $"{task.Name()}-{kind.Name()}-{n}-{seed}.jsonl");
        TaskData.Write(task.Create(), kind, n, seed, path, overwrite: false);
        return path;
    }

    [Theory]
    [MemberData(nameof(AllTasks))]
    public void Files_read_back_through_the_trl_readers(TaskKind kind)
    {
        using var files = new TextFiles();
        var task = kind.Create();

        var raw = Write(files, kind, TaskDataKind.Raw, 30);
        Assert.Equal(JsonlKind.LanguageModelling, JsonlFormat.Detect(raw));
        Assert.Equal(Enumerable.Range(0, 30).Select(i => TaskData.Item(task, TaskDataKind.Raw, 4, i).Raw), JsonlReader.ReadText(raw).Select(t => t.Text));

        var sft = Write(files, kind, TaskDataKind.Sft, 30);
        Assert.Equal(JsonlKind.PromptCompletion, JsonlFormat.Detect(sft));
        var expected = Enumerable.Range(0, 30).Select(i => TaskData.Item(task, TaskDataKind.Sft, 4, i)).ToList();
        Assert.Equal(expected.Select(e => new SftExample(new Passage.Plain(e.Prompt), new Passage.Plain(e.Reference))), JsonlReader.ReadSft(sft));

        var pref = Write(files, kind, TaskDataKind.Preference, 30);
        Assert.Equal(JsonlKind.Preference, JsonlFormat.Detect(pref));
        var pairs = Enumerable.Range(0, 30).Select(i => TaskData.Item(task, TaskDataKind.Preference, 4, i))
            .Select(e => new PreferenceExample(new Passage.Plain(e.Prompt), new Passage.Plain(e.Reference), new Passage.Plain(e.Rejected)));
        Assert.Equal(pairs, JsonlReader.ReadPreference(pref));

        // Evaluation records carry the verifier's fields besides prompt and completion; the SFT reader ignores them.
        var eval = Write(files, kind, TaskDataKind.Eval, 30);
        Assert.Equal(JsonlKind.PromptCompletion, JsonlFormat.Detect(eval));
        var items = Enumerable.Range(0, 30).Select(i => TaskData.Item(task, TaskDataKind.Eval, 4, i).Eval).ToList();
        Assert.Equal(items.Select(e => new SftExample(new Passage.Plain(e.Prompt), new Passage.Plain(e.Reference))), JsonlReader.ReadSft(eval));
        var read = TaskData.ReadEval(eval, task).ToList();
        Assert.Equal(items.Count, read.Count);
        for (var i = 0; i < read.Count; i++)
        {
            Assert.Equal(items[i].Prompt, read[i].Prompt);
            Assert.Equal(items[i].Reference, read[i].Reference);
            Assert.Equal(items[i].Fields.OrderBy(f => f.Key), read[i].Fields.OrderBy(f => f.Key));
            Assert.True(task.Verify(read[i], read[i].Reference).Passed);
        }
    }

    [Fact]
    public void Same_seed_same_bytes_and_short_files_are_prefixes()
    {
        using var files = new TextFiles();
        var a = File.ReadAllBytes(Write(files, TaskKind.Math, TaskDataKind.Preference, 40, seed: 9));
        var b = File.ReadAllBytes(Rewrite(files, 40));
        Assert.Equal(a, b);
        var lines = File.ReadAllLines(Write(files, TaskKind.Math, TaskDataKind.Preference, 15, seed: 9));
        Assert.Equal(File.ReadAllLines(Rewrite(files, 40)).Take(15), lines);
        Assert.DoesNotContain("\\u002B", File.ReadAllText(Rewrite(files, 40)));
        Assert.DoesNotContain((byte)'\r', a);
        Assert.NotEqual(0xEF, a[0]);
    }

    private static string Rewrite(TextFiles files, int n)
    {
        var path = Path.Combine(files.Root, $"again-{n}.jsonl");
        TaskData.Write(TaskKind.Math.Create(), TaskDataKind.Preference, n, 9, path, overwrite: true);
        return path;
    }

    [Fact]
    public void An_evaluation_file_of_another_task_is_bad_input()
    {
        using var files = new TextFiles();
        var path = Write(files, TaskKind.Math, TaskDataKind.Eval, 3);
        var e = Assert.Throws<BadInputException>(() => TaskData.ReadEval(path, new InstructTask()).ToList());
        Assert.Equal($"{path}:1: field 'task' is 'math', expected 'instruct'", e.Message);
        var sft = Write(files, TaskKind.Math, TaskDataKind.Sft, 3);
        Assert.StartsWith($"{sft}:1: field 'answer' is missing", Assert.Throws<BadInputException>(() => TaskData.ReadEval(sft, new MathTask()).ToList()).Message);
    }
}
