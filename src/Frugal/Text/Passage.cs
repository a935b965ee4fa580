namespace Frugal.Text;

/// <summary>
/// A prompt, completion, chosen or rejected answer as TRL stores it: a string (standard data sets) or a list
/// of messages (conversational ones). Strings are encoded as they are; messages go through the chat template.
/// </summary>
public abstract record Passage
{
    private Passage() { }

    public sealed record Plain(string Text) : Passage;

    public sealed record Chat(IReadOnlyList<ChatMessage> Messages) : Passage
    {
        // Value equality over the messages, so parsed examples compare like the strings do.
        public bool Equals(Chat? other) => other is not null && Messages.SequenceEqual(other.Messages);

        public override int GetHashCode() => Messages.Aggregate(0, (hash, m) => HashCode.Combine(hash, m));
    }
}
