using Frugal.Data.Tasks;
using Frugal.Evaluation;
using Frugal.Schedules;
using Frugal.Tests.Text;

namespace Frugal.Tests.Evaluation;

public sealed class TaskVerifierTests : IDisposable
{
    private readonly TextFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Theory]
    [InlineData(TaskKind.Math)]
    [InlineData(TaskKind.Instruct)]
    [InlineData(TaskKind.Summarize)]
    [InlineData(TaskKind.Helpful)]
    public void Every_reference_of_a_generated_eval_file_passes_its_task_verifier_and_every_rejected_answer_fails(TaskKind kind)
    {
        var task = kind.Create();
        var path = Path.Combine(_files.Root, $"{kind}.jsonl");
        TaskData.Write(task, TaskDataKind.Eval, 40, 3, path, overwrite: true);
        var verifier = Verifiers.Create(kind.Name());
        var records = EvalData.Read(path);
        Assert.All(records, r => Assert.Null(verifier.Check(r)));
        Assert.All(records, r => Assert.True(verifier.Score(r.Reference, r).Passed, $"{r.Where}: {verifier.Score(r.Reference, r).Reason}"));
        // The rejected answer of the same problem: generated from the same stream as the eval record.
        var rejected = Enumerable.Range(0, records.Count).Select(i => TaskData.Item(task, TaskDataKind.Eval, 3, i).Rejected).ToList();
        Assert.All(records.Select((r, i) => verifier.Score(rejected[i], r)), v => Assert.False(v.Passed, v.Reason));
    }

    [Fact]
    public void A_record_without_the_tasks_fields_or_of_another_task_is_named()
    {
        var verifier = Verifiers.Create("math");
        var plain = EvalData.Read(_files.Jsonl("plain.jsonl", """{"prompt":"1+1?","completion":"#### 2"}"""))[0];
        Assert.Contains("missing or empty string field 'answer'", verifier.Check(plain));
        var other = EvalData.Read(_files.Jsonl("other.jsonl", """{"prompt":"p","completion":"c","task":"helpful","answer":"2"}"""))[0];
        Assert.Contains("field 'task' is 'helpful', but --verifier is math", verifier.Check(other));
    }
}
