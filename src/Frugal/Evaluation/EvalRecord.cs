using System.Text.Json;
using Frugal.Text;

namespace Frugal.Evaluation;

/// <summary>
/// One evaluation item: the prompt a model is given, the reference answer (the record's completion), and the
/// record's whole JSON, for verifiers that read more fields than these (a task's constraints, say).
/// </summary>
/// <param name="Answer">The reference as the data holds it: a string, or the assistant's message.</param>
/// <param name="Fields">The record's JSON object, kept after the file is closed.</param>
public sealed record EvalRecord(string Path, int Line, Passage Prompt, Passage Answer, JsonElement Fields)
{
    /// <summary>The reference answer's text: the completion string, or the content of the assistant message that answers.</summary>
    public string Reference => Answer switch
    {
        Passage.Plain plain => plain.Text,
        Passage.Chat chat => chat.Messages[0].Content,
        _ => throw new InvalidOperationException($"unknown passage {Answer}"),
    };

    /// <summary>"FILE:LINE", for messages.</summary>
    public string Where => $"{Path}:{Line}";

    /// <summary>A record built in code (tests, generators) rather than read from a file.</summary>
    public static EvalRecord Of(string prompt, string reference) =>
        new("(memory)", 0, new Passage.Plain(prompt), new Passage.Plain(reference), default);
}
