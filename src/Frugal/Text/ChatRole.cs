using System.ComponentModel;
using Frugal.Schedules;

namespace Frugal.Text;

/// <summary>The roles a chat message may have; the descriptions are the names TRL data sets use.</summary>
public enum ChatRole
{
    [Description("system")] System,
    [Description("user")] User,
    [Description("assistant")] Assistant,
}

public static class ChatRoles
{
    public static bool TryParse(string? name, out ChatRole role) => EnumNames.TryParse(name, out role);

    /// <summary>"'tool' is not a role Frugal knows, expected system, user or assistant".</summary>
    public static string Unknown(string name) => $"'{name}' is not a role Frugal knows, expected {EnumNames.List<ChatRole>()}";

    /// <summary>The marker that opens a message of this role.</summary>
    public static SpecialToken Marker(this ChatRole role) => role switch
    {
        ChatRole.System => SpecialToken.System,
        ChatRole.User => SpecialToken.User,
        ChatRole.Assistant => SpecialToken.Assistant,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };
}
