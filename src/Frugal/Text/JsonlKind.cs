using System.ComponentModel;
using Frugal.Schedules;

namespace Frugal.Text;

/// <summary>The TRL data set types Frugal reads from JSON Lines; the descriptions are the names messages use.</summary>
public enum JsonlKind
{
    [Description("language-modelling")] LanguageModelling,
    [Description("prompt-completion")] PromptCompletion,
    [Description("conversational")] Messages,
    [Description("preference")] Preference,
}

public static class JsonlKinds
{
    /// <summary>The keys a record of this kind has, as the user would write them.</summary>
    public static string Keys(this JsonlKind kind) => kind switch
    {
        JsonlKind.LanguageModelling => """{"text"}""",
        JsonlKind.PromptCompletion => """{"prompt","completion"}""",
        JsonlKind.Messages => """{"messages"}""",
        JsonlKind.Preference => """{"prompt","chosen","rejected"}""",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>"preference data {"prompt","chosen","rejected"}".</summary>
    public static string Describe(this JsonlKind kind) => $"{kind.Name()} data {kind.Keys()}";

    /// <summary>Whether an SFT trainer reads this kind: both become <see cref="SftExample"/>.</summary>
    public static bool IsSft(this JsonlKind kind) => kind is JsonlKind.PromptCompletion or JsonlKind.Messages;
}
