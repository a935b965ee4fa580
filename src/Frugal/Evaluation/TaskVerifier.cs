using System.Text.Json;
using Frugal.Data.Tasks;
using TaskEvalItem = Frugal.Data.Tasks.EvalItem;
using Frugal.Schedules;
using Frugal.Text;

namespace Frugal.Evaluation;

/// <summary>
/// A generated task's own checker (src/Frugal/Data/Tasks) as an `eval` verifier, reading the task's fields
/// from each record. A verifiable task (math, instruct) passes a completion that passes every check; a judged
/// task (summarize, helpful) passes one its judge rates at least as good as the reference (a win or a tie).
/// </summary>
public sealed class TaskVerifier(VerifierKind kind, ITask task) : IVerifier
{
    public VerifierKind Kind => kind;

    public ITask Task => task;

    public static TaskVerifier For(ITask task) => new(task.Kind switch
    {
        TaskKind.Math => VerifierKind.Math,
        TaskKind.Instruct => VerifierKind.Instruct,
        TaskKind.Summarize => VerifierKind.Summarize,
        TaskKind.Helpful => VerifierKind.Helpful,
        _ => throw new ArgumentOutOfRangeException(nameof(task), task.Kind, null),
    }, task);

    public string? Check(EvalRecord record)
    {
        if (record.Fields.ValueKind != JsonValueKind.Object) return $"the {task.Kind.Name()} verifier needs the task's fields ({string.Join(", ", task.FieldNames)})";
        if (record.Fields.TryGetProperty("task", out var name) && name.ValueKind == JsonValueKind.String && name.GetString() != task.Kind.Name())
            return $"field 'task' is '{name.GetString()}', but --verifier is {task.Kind.Name()}";
        foreach (var field in task.FieldNames)
        {
            if (!record.Fields.TryGetProperty(field, out var value) || value.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(value.GetString()))
                return $"missing or empty string field '{field}', which the {task.Kind.Name()} verifier reads";
        }
        return null;
    }

    public Verdict Score(string completion, EvalRecord record)
    {
        var item = Item(record);
        if (!task.IsJudged)
        {
            var verdict = task.Verify(item, completion);
            return new Verdict(verdict.Passed, verdict.Reason);
        }
        return task.Judge(item, completion, item.Reference) switch
        {
            Preference.A => Verdict.Pass("the judge prefers it to the reference"),
            Preference.Tie => Verdict.Pass("the judge ties it with the reference"),
            _ => Verdict.Fail($"the judge prefers the reference: {task.Verify(item, completion).Reason}"),
        };
    }

    /// <summary>The record as the task's checker sees it.</summary>
    public TaskEvalItem Item(EvalRecord record) =>
        new(record.Prompt switch { Passage.Plain plain => plain.Text, Passage.Chat chat => chat.Messages[^1].Content, _ => "" }, record.Reference,
            task.FieldNames.ToDictionary(f => f, f => record.Fields.GetProperty(f).GetString()!));
}
