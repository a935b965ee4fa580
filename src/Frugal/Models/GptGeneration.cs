namespace Frugal.Models;

/// <summary>
/// The new tokens (the prompt excluded, the stop token excluded; the tokens that completed a stop string
/// included) and why generation ended.
/// </summary>
public sealed record GptGeneration(int[] Tokens, GptStopReason Reason);
