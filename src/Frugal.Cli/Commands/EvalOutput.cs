using System.Text.Json;
using System.Text.Json.Nodes;
using Frugal.Evaluation;
using Frugal.Schedules;
using Frugal.Text;

namespace Frugal.Cli.Commands;

/// <summary>
/// `eval --out`: one JSON object a line per record, {"line","prompt","reference","completion","passed","reason",
/// "new_tokens","stop"}, the prompt as the data had it (a string or a list of messages). Written to a temporary
/// file and renamed, so an interrupted run leaves no half file under the name.
/// </summary>
internal static class EvalOutput
{
    // Prompts hold "<|user|>" markers and "+" signs: keep them readable instead of \u003C escapes (the file is UTF-8 JSON, not HTML).
    private static readonly JsonSerializerOptions Readable = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Write(string path, EvalResult result)
        => AtomicFile.Write(path, temporary =>
        {
            using var writer = new StreamWriter(temporary);
            foreach (var item in result.Items) writer.WriteLine(Line(item).ToJsonString(Readable));
        });

    private static JsonObject Line(EvalItem item) => new()
    {
        ["line"] = item.Line,
        ["prompt"] = Prompt(item.Prompt),
        ["reference"] = item.Reference,
        ["completion"] = item.Completion,
        ["passed"] = item.Passed,
        ["reason"] = item.Reason,
        ["new_tokens"] = item.NewTokens,
        ["stop"] = JsonNamingPolicy.KebabCaseLower.ConvertName(item.Stop.ToString()),
    };

    private static JsonNode Prompt(Passage prompt) => prompt switch
    {
        Passage.Plain plain => JsonValue.Create(plain.Text)!,
        Passage.Chat chat => new JsonArray([.. chat.Messages.Select(m => (JsonNode)new JsonObject { ["role"] = m.Role.Name(), ["content"] = m.Content })]),
        _ => throw new ArgumentOutOfRangeException(nameof(prompt), prompt, null),
    };
}
