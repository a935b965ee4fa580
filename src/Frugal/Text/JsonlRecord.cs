using System.Text.Json;

namespace Frugal.Text;

/// <summary>
/// One parsed line of a JSON Lines file with typed access to its fields; every problem becomes a
/// <see cref="BadInputException"/> that starts "FILE:LINE: field 'NAME'". Only valid while the reader is on its line.
/// </summary>
public readonly struct JsonlRecord(string path, int line, JsonElement root)
{
    public string Path { get; } = path;

    /// <summary>1-based, counting blank lines, so it matches what an editor shows.</summary>
    public int Line { get; } = line;

    /// <summary>The whole record (for fields only one consumer knows, e.g. a task's checker); valid only on its line, Clone() to keep it.</summary>
    public JsonElement Root => root;

    public bool Has(string field) => root.TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.Null;

    public IEnumerable<string> Fields => root.EnumerateObject().Select(p => p.Name);

    public BadInputException Error(string message) => new($"{Path}:{Line}: {message}");

    /// <summary>A string that must be present and non-empty.</summary>
    public string String(string field)
    {
        var value = Required(field);
        if (value.ValueKind != JsonValueKind.String) throw WrongType(field, value, "a string");
        var text = value.GetString()!;
        return text.Length > 0 ? text : throw Error($"field '{field}' is empty, expected a non-empty string");
    }

    /// <summary>A string (standard data) or a non-empty list of {"role","content"} messages (conversational data).</summary>
    public Passage Passage(string field)
    {
        var value = Required(field);
        return value.ValueKind switch
        {
            JsonValueKind.String => new Passage.Plain(String(field)),
            JsonValueKind.Array => new Passage.Chat(Messages(field, value)),
            _ => throw WrongType(field, value, "a string or a list of messages"),
        };
    }

    /// <summary>A non-empty list of {"role","content"} messages, roles system, user or assistant.</summary>
    public IReadOnlyList<ChatMessage> Messages(string field)
    {
        var value = Required(field);
        return value.ValueKind == JsonValueKind.Array ? Messages(field, value) : throw WrongType(field, value, "a list of messages");
    }

    /// <summary>A number, or null when the field is absent or JSON null.</summary>
    public double? Number(string field)
    {
        if (!Has(field)) return null;
        var value = root.GetProperty(field);
        return value.ValueKind == JsonValueKind.Number ? value.GetDouble() : throw WrongType(field, value, "a number");
    }

    private IReadOnlyList<ChatMessage> Messages(string field, JsonElement list)
    {
        var messages = new List<ChatMessage>();
        foreach (var item in list.EnumerateArray())
        {
            var at = $"{field}[{messages.Count}]";
            if (item.ValueKind != JsonValueKind.Object) throw WrongType(at, item, """a message {"role","content"}""");
            var role = MessageString(item, at, "role");
            if (!ChatRoles.TryParse(role, out var parsed)) throw Error($"field '{at}.role': {ChatRoles.Unknown(role)}");
            // Empty content is allowed: a system message may be blank, and an empty answer still teaches <|end|>.
            messages.Add(new ChatMessage(parsed, MessageString(item, at, "content")));
        }
        return messages.Count > 0 ? messages : throw Error($"field '{field}' is empty, expected at least one message");
    }

    private string MessageString(JsonElement message, string at, string key)
    {
        if (!message.TryGetProperty(key, out var value) || value.ValueKind == JsonValueKind.Null)
            throw Error($"field '{at}.{key}' is missing");
        return value.ValueKind == JsonValueKind.String ? value.GetString()! : throw WrongType($"{at}.{key}", value, "a string");
    }

    private JsonElement Required(string field) =>
        root.TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : throw Error($"field '{field}' is missing");

    private BadInputException WrongType(string field, JsonElement value, string expected) =>
        Error($"field '{field}' is {Describe(value.ValueKind)}, expected {expected}");

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
