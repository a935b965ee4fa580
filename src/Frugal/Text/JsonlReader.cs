using Frugal.Schedules;

namespace Frugal.Text;

/// <summary>
/// Reads TRL's data set formats from JSON Lines: language modelling {"text"}; prompt-completion
/// {"prompt","completion"} and conversational {"messages"} for SFT; preference {"prompt","chosen","rejected"}
/// with optional ref_chosen_logps / ref_rejected_logps. Prompts and answers are strings or lists of
/// {"role","content"} messages. Other keys are ignored (data sets often carry ids or metadata).
/// The first record decides the type; every error is "FILE:LINE: ..." naming the field.
/// Not read: TRL's implicit-prompt preference data (chosen and rejected as whole conversations sharing a
/// prefix, no "prompt"): its records are reported with 'prompt' missing and a hint to split the prefix out.
/// </summary>
public static class JsonlReader
{
    public static IEnumerable<TextExample> ReadText(string path) =>
        ReadAs(path, "language-modelling data {\"text\"}", k => k == JsonlKind.LanguageModelling,
            (record, _) => new TextExample(record.String("text")));

    /// <summary>Prompt-completion or conversational records; the file's first record decides which, for every line.</summary>
    public static IEnumerable<SftExample> ReadSft(string path) =>
        ReadAs(path, $"{JsonlKind.PromptCompletion.Describe()} or {JsonlKind.Messages.Describe()}", k => k.IsSft(),
            (record, kind) => kind == JsonlKind.Messages ? FromMessages(record) : FromPromptCompletion(record));

    public static IEnumerable<PreferenceExample> ReadPreference(string path) =>
        ReadAs(path, JsonlKind.Preference.Describe(), k => k == JsonlKind.Preference, (record, _) =>
        {
            if (!record.Has("prompt") && record.Has("chosen"))
                throw record.Error("field 'prompt' is missing (implicit-prompt preference data, where chosen and rejected repeat the conversation, is not read: move the shared messages into 'prompt')");
            var prompt = record.Passage("prompt");
            var chosen = Answer(record, "chosen", prompt);
            var rejected = Answer(record, "rejected", prompt);
            var (refChosen, refRejected) = (record.Number("ref_chosen_logps"), record.Number("ref_rejected_logps"));
            if (refChosen.HasValue != refRejected.HasValue)
            {
                var (present, missing) = refChosen.HasValue ? ("ref_chosen_logps", "ref_rejected_logps") : ("ref_rejected_logps", "ref_chosen_logps");
                throw record.Error($"field '{missing}' is missing: '{present}' is given, and reference log-probabilities come in pairs");
            }
            return new PreferenceExample(prompt, chosen, rejected, refChosen, refRejected);
        });

    private static SftExample FromPromptCompletion(JsonlRecord record)
    {
        var prompt = record.Passage("prompt");
        return new SftExample(prompt, Answer(record, "completion", prompt));
    }

    private static SftExample FromMessages(JsonlRecord record)
    {
        var messages = record.Messages("messages");
        if (messages[^1].Role != ChatRole.Assistant)
            throw record.Error($"field 'messages': the last message has role '{messages[^1].Role.Name()}', expected 'assistant' (the completion to learn)");
        return new SftExample(new Passage.Chat([.. messages.Take(messages.Count - 1)]), new Passage.Chat([messages[^1]]));
    }

    /// <summary>An answer to <paramref name="prompt"/>: the same form as the prompt, and a conversation answers as the assistant.</summary>
    private static Passage Answer(JsonlRecord record, string field, Passage prompt)
    {
        var answer = record.Passage(field);
        return (prompt, answer) switch
        {
            (Passage.Plain, Passage.Plain) => answer,
            (Passage.Chat, Passage.Chat chat) when chat.Messages[0].Role == ChatRole.Assistant => answer,
            (Passage.Chat, Passage.Chat chat) =>
                throw record.Error($"field '{field}[0].role' is '{chat.Messages[0].Role.Name()}', expected 'assistant': an answer starts with the assistant's message"),
            _ => throw record.Error($"field '{field}' is {Form(answer)} but 'prompt' is {Form(prompt)}: both must be strings or both lists of messages"),
        };
    }

    private static string Form(Passage passage) => passage is Passage.Plain ? "a string" : "a list of messages";

    private static IEnumerable<T> ReadAs<T>(string path, string expected, Func<JsonlKind, bool> accepts, Func<JsonlRecord, JsonlKind, T> convert)
    {
        // The detected type lives in the enumeration, so enumerating twice detects twice.
        JsonlKind? kind = null;
        foreach (var example in JsonlFormat.Read(path, record =>
        {
            if (kind is null)
            {
                var found = JsonlFormat.Detect(record);
                if (!accepts(found)) throw record.Error($"expected {expected}, found {found.Describe()}");
                kind = found;
            }
            return convert(record, kind.Value);
        }))
        {
            yield return example;
        }
    }
}
