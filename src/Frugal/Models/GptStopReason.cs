namespace Frugal.Models;

/// <summary>Why <see cref="Gpt.Generate"/> returned.</summary>
public enum GptStopReason
{
    MaxNewTokens,
    StopToken,
    StopString,
}
