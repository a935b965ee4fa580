using Frugal.Schedules;
using Frugal.Text;

namespace Frugal.Evaluation;

/// <summary>
/// Reads evaluation sets in the two TRL formats SFT data comes in, so a held-out split of the training file is an
/// evaluation set as it is: prompt-completion {"prompt","completion"} (the completion is the reference) and
/// conversational {"messages"} (the last message, an assistant's, is the reference; the ones before are the
/// prompt). The first record decides the format. Errors are "FILE:LINE: ..." naming the field.
/// </summary>
public static class EvalData
{
    /// <summary>Every record, or the first <paramref name="limit"/>; the whole file is read (and so checked) up to there.</summary>
    public static List<EvalRecord> Read(string path, int? limit = null)
    {
        var records = new List<EvalRecord>();
        JsonlKind? kind = null;
        if (limit <= 0) return records;
        foreach (var record in JsonlFormat.Read(path, record =>
        {
            kind ??= Detect(record);
            return kind == JsonlKind.Messages ? FromMessages(record) : FromPromptCompletion(record);
        }))
        {
            records.Add(record);
            if (records.Count == limit) break;
        }
        return records.Count > 0 ? records : throw new BadInputException($"{path}: holds no records, expected one JSON object a line");
    }

    private static JsonlKind Detect(JsonlRecord record)
    {
        if (record.Has("messages")) return JsonlKind.Messages;
        if (record.Has("prompt") && !record.Has("chosen") && !record.Has("rejected")) return JsonlKind.PromptCompletion;
        var keys = string.Join(",", record.Fields.Select(f => $"\"{f}\""));
        throw record.Error($"a record with keys {{{keys}}} is not evaluation data, expected {JsonlKind.PromptCompletion.Describe()} or {JsonlKind.Messages.Describe()}");
    }

    private static EvalRecord FromPromptCompletion(JsonlRecord record)
    {
        var prompt = record.Passage("prompt");
        if (!record.Has("completion")) throw record.Error("field 'completion' is missing: it holds the reference answer");
        var answer = record.Passage("completion");
        switch (prompt, answer)
        {
            case (Passage.Plain, Passage.Plain):
                break;
            case (Passage.Chat, Passage.Chat chat) when chat.Messages.Count == 1 && chat.Messages[0].Role == ChatRole.Assistant:
                break;
            case (Passage.Chat, Passage.Chat):
                throw record.Error("field 'completion' must be one assistant message: the reference answer the model's reply is scored against");
            default:
                throw record.Error("fields 'prompt' and 'completion' must both be strings or both lists of messages");
        }
        return new EvalRecord(record.Path, record.Line, prompt, answer, record.Root.Clone());
    }

    private static EvalRecord FromMessages(JsonlRecord record)
    {
        var messages = record.Messages("messages");
        if (messages[^1].Role != ChatRole.Assistant)
            throw record.Error($"field 'messages': the last message has role '{messages[^1].Role.Name()}', expected 'assistant' (the reference answer)");
        if (messages.Count == 1)
            throw record.Error("field 'messages' holds only the reference answer, expected the prompt's messages before it");
        return new EvalRecord(record.Path, record.Line, new Passage.Chat([.. messages.Take(messages.Count - 1)]),
            new Passage.Chat([messages[^1]]), record.Root.Clone());
    }
}
