using System.Text;
using Frugal.Schedules;

namespace Frugal.Text;

/// <summary>
/// Frugal's chat template. A conversation renders as one marker per message, its content, and &lt;|end|&gt;:
/// <code>&lt;|system|&gt;You are terse.&lt;|end|&gt;&lt;|user|&gt;2+2?&lt;|end|&gt;&lt;|assistant|&gt;4&lt;|end|&gt;</code>
/// with no spaces or newlines added. <see cref="RenderPrompt"/> appends &lt;|assistant|&gt;, the generation
/// prompt the model continues from; the model ends its answer with &lt;|end|&gt;. Markers are the tokenizer's
/// special ids and content is encoded as plain text, so content that spells a marker stays text.
/// Invariant: <c>Render(p ++ c) == RenderPrompt(p) ++ RenderCompletion(c)</c> when c starts with an assistant
/// message, which is what lets completion-only loss mask exactly the prompt. See docs/chat-template.md.
/// </summary>
public sealed class ChatTemplate(ITokenizer tokenizer)
{
    public ITokenizer Tokenizer { get; } = tokenizer;

    /// <summary>The whole conversation: every message opened by its role's marker and closed by &lt;|end|&gt;.</summary>
    public int[] Render(IReadOnlyList<ChatMessage> messages)
    {
        var ids = new List<int>();
        foreach (var message in messages) AppendMessage(ids, message);
        return [.. ids];
    }

    /// <summary>The conversation so far plus &lt;|assistant|&gt;: what a model is given to write the next answer.</summary>
    public int[] RenderPrompt(IReadOnlyList<ChatMessage> messages)
    {
        var ids = new List<int>();
        foreach (var message in messages) AppendMessage(ids, message);
        ids.Add(Tokenizer.SpecialId(SpecialToken.Assistant));
        return [.. ids];
    }

    /// <summary>
    /// What follows <see cref="RenderPrompt"/> in the full rendering: the first (assistant) message without its
    /// marker, which the prompt already holds, then the remaining messages in full.
    /// </summary>
    public int[] RenderCompletion(IReadOnlyList<ChatMessage> messages)
    {
        if (messages.Count == 0 || messages[0].Role != ChatRole.Assistant)
            throw new ArgumentException("a completion starts with an assistant message", nameof(messages));
        var ids = new List<int>(Tokenizer.Encode(messages[0].Content)) { Tokenizer.SpecialId(SpecialToken.End) };
        foreach (var message in messages.Skip(1)) AppendMessage(ids, message);
        return [.. ids];
    }

    /// <summary>The same rendering as text, for people reading data and docs; the ids come from the methods above.</summary>
    public static string RenderText(IReadOnlyList<ChatMessage> messages, bool generationPrompt = false)
    {
        var text = new StringBuilder();
        foreach (var message in messages)
            text.Append(message.Role.Marker().Name()).Append(message.Content).Append(SpecialToken.End.Name());
        if (generationPrompt) text.Append(SpecialToken.Assistant.Name());
        return text.ToString();
    }

    private void AppendMessage(List<int> ids, ChatMessage message)
    {
        ids.Add(Tokenizer.SpecialId(message.Role.Marker()));
        ids.AddRange(Tokenizer.Encode(message.Content));
        ids.Add(Tokenizer.SpecialId(SpecialToken.End));
    }
}
