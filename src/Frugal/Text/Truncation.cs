namespace Frugal.Text;

/// <summary>
/// How a prompt and an answer share a maximum length. The answer is what the loss learns from, so it keeps
/// its start and the prompt keeps its end (the part next to the answer, as TRL's DPO keep_end does); when
/// both are long the prompt keeps half the room.
/// </summary>
public static class Truncation
{
    /// <summary>How many tokens to keep of each; their sum is at most <paramref name="maxLength"/>.</summary>
    public static (int Prompt, int Answer) Fit(int prompt, int answer, int maxLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 2);
        if (prompt + answer <= maxLength) return (prompt, answer);
        var keptPrompt = Math.Min(prompt, Math.Max(maxLength - answer, maxLength / 2));
        return (keptPrompt, Math.Min(answer, maxLength - keptPrompt));
    }
}
