using System.Text.Json;
using Frugal.Schedules;

namespace Frugal.Text;

/// <summary>
/// Walks a JSON Lines file (one JSON object a line, blank lines skipped) and tells its TRL data set type from
/// its first record, so a command given the wrong file says what it expected and what it found.
/// </summary>
public static class JsonlFormat
{
    /// <summary>The type of the file's first record; a file with no records, or a record of no known type, is bad input.</summary>
    public static JsonlKind Detect(string path)
    {
        foreach (var kind in Read(path, Detect)) return kind;
        throw new BadInputException($"{path}: holds no records, expected one JSON object a line");
    }

    /// <summary>The type a record's keys say: messages, then chosen/rejected, then completion, then text decide.</summary>
    public static JsonlKind Detect(JsonlRecord record)
    {
        if (record.Has("messages")) return JsonlKind.Messages;
        if (record.Has("chosen") || record.Has("rejected")) return JsonlKind.Preference;
        if (record.Has("completion")) return JsonlKind.PromptCompletion;
        if (record.Has("text")) return JsonlKind.LanguageModelling;
        var keys = string.Join(",", record.Fields.Select(f => $"\"{f}\""));
        var known = string.Join(", ", EnumNames.All<JsonlKind>().Select(k => k.Keys()));
        throw record.Error($"a record with keys {{{keys}}} is no data set type Frugal reads, expected one of {known}");
    }

    /// <summary>
    /// Converts every record in file order. <paramref name="convert"/> runs while the record's line is parsed
    /// (the record is only valid then). The file is streamed, so a bad line far down fails only when reached.
    /// </summary>
    public static IEnumerable<T> Read<T>(string path, Func<JsonlRecord, T> convert)
    {
        if (!File.Exists(path)) throw new BadInputException($"{path}: not found");
        return ReadLines(path, convert);
    }

    private static IEnumerable<T> ReadLines<T>(string path, Func<JsonlRecord, T> convert)
    {
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            using var document = Parse(path, number, line);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new BadInputException($"{path}:{number}: expected a JSON object, found {document.RootElement.ValueKind.ToString().ToLowerInvariant()}");
            yield return convert(new JsonlRecord(path, number, document.RootElement));
        }
    }

    private static JsonDocument Parse(string path, int number, string line)
    {
        try
        {
            return JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            var column = e.BytePositionInLine is { } position ? $" at byte {position + 1}" : "";
            // System.Text.Json appends its own position (LineNumber: 0 ...), which would contradict ours.
            var reason = e.Message.Split([" Path:", " LineNumber:"], StringSplitOptions.None)[0];
            throw new BadInputException($"{path}:{number}: malformed JSON{column} ({reason}), expected one JSON object a line");
        }
    }
}
