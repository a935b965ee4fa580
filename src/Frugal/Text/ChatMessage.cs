namespace Frugal.Text;

/// <summary>One message of a conversation, as TRL's conversational data sets hold it: {"role", "content"}.</summary>
public sealed record ChatMessage(ChatRole Role, string Content)
{
    /// <summary>A message whose role is a name a user typed; a role other than system, user or assistant is bad input.</summary>
    public static ChatMessage Of(string role, string content) =>
        ChatRoles.TryParse(role, out var parsed)
            ? new ChatMessage(parsed, content)
            : throw new BadInputException($"message role {ChatRoles.Unknown(role)}");
}
