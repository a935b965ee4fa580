using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Frugal.Schedules;
using Frugal.Text;

namespace Frugal.Data.Tasks;

/// <summary>
/// A task's data as TRL's JSON Lines: raw {"text"}, sft {"prompt","completion"}, pref {"prompt","chosen","rejected","slip"},
/// eval {"prompt","completion", task fields...}. Record i comes from its own random stream, so a file of n records is
/// the first n of any longer one with the same seed. About one problem in ten (by a hash of its prompt) is held out:
/// only evaluation files contain those, and raw, sft and pref files never do, whatever the seeds.
/// </summary>
public static class TaskData
{
    public const int HeldOutOneIn = 10;

    // Escape what JSON requires and nothing more, so "12 + 7" stays readable instead of "12 \u002B 7".
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Problem <paramref name="index"/> of (task, kind, seed): from the held-out share for eval, from the rest otherwise.</summary>
    public static TaskItem Item(ITask task, TaskDataKind kind, int seed, int index)
    {
        var random = TaskRandom.For(task.Kind, kind, seed, index);
        var heldOut = kind == TaskDataKind.Eval;
        while (true)
        {
            var item = task.Generate(random);
            if (IsHeldOut(item.Prompt) == heldOut) return item;
        }
    }

    public static bool IsHeldOut(string prompt)
    {
        // FNV-1a over UTF-8, then SplitMix64's mixer: stable across processes, unlike string.GetHashCode.
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(prompt)) hash = (hash ^ b) * 1099511628211UL;
        return SplitMix64.Mix(hash) % HeldOutOneIn == 0;
    }

    /// <summary>The JSON line of problem <paramref name="index"/>, without the newline.</summary>
    public static string Line(ITask task, TaskDataKind kind, int seed, int index)
    {
        var item = Item(task, kind, seed, index);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, WriterOptions))
        {
            json.WriteStartObject();
            switch (kind)
            {
                case TaskDataKind.Raw:
                    json.WriteString("text", item.Raw);
                    break;
                case TaskDataKind.Sft:
                    json.WriteString("prompt", item.Prompt);
                    json.WriteString("completion", item.Reference);
                    break;
                case TaskDataKind.Preference:
                    json.WriteString("prompt", item.Prompt);
                    json.WriteString("chosen", item.Reference);
                    json.WriteString("rejected", item.Rejected);
                    json.WriteString("slip", item.Slip);
                    break;
                case TaskDataKind.Eval:
                    json.WriteString("prompt", item.Prompt);
                    json.WriteString("completion", item.Reference);
                    json.WriteString("task", task.Kind.Name());
                    foreach (var field in task.FieldNames) json.WriteString(field, item.Eval.Field(field));
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
            }
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>
    /// Writes <paramref name="count"/> records to <paramref name="path"/> ("\n" line ends, UTF-8 without BOM), via a
    /// temporary file renamed into place, so a run cut short never leaves a half-written file under the name.
    /// </summary>
    public static void Write(ITask task, TaskDataKind kind, int count, int seed, string path, bool overwrite)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        AtomicFile.Write(path, temporary =>
        {
            using var writer = new StreamWriter(temporary, append: false, new UTF8Encoding(false));
            writer.NewLine = "\n";
            for (var i = 0; i < count; i++) writer.WriteLine(Line(task, kind, seed, i));
        }, overwrite);
    }

    /// <summary>
    /// Reads an evaluation file of <paramref name="task"/>: prompt, reference and the task's fields, each a
    /// non-empty string; a record of another task ("task" names it) is bad input naming the line.
    /// </summary>
    public static IEnumerable<EvalItem> ReadEval(string path, ITask task) =>
        JsonlFormat.Read(path, record =>
        {
            if (record.Has("task") && record.String("task") != task.Kind.Name())
                throw record.Error($"field 'task' is '{record.String("task")}', expected '{task.Kind.Name()}'");
            var fields = task.FieldNames.ToDictionary(f => f, f => record.String(f));
            return new EvalItem(record.String("prompt"), record.String("completion"), fields);
        });
}
