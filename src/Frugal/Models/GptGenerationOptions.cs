namespace Frugal.Models;

/// <summary>How <see cref="Gpt.Generate"/> picks tokens and when it stops. The defaults decode greedily.</summary>
public sealed record GptGenerationOptions
{
    public int MaxNewTokens { get; init; } = 64;

    /// <summary>Logits are divided by it before sampling; 0 means greedy (always the most likely token).</summary>
    public double Temperature { get; init; }

    /// <summary>
    /// Nucleus sampling ("The Curious Case of Neural Text Degeneration", Holtzman et al. 2020): sample from the
    /// smallest set of most likely tokens whose probability reaches TopP. 1 keeps every token.
    /// </summary>
    public double TopP { get; init; } = 1;

    /// <summary>Generation ends before any of these ids; the stop token is not returned.</summary>
    public IReadOnlyList<int> StopTokenIds { get; init; } = [];

    /// <summary>Generation ends once the decoded new tokens contain one of these; needs <see cref="Decode"/>.</summary>
    public IReadOnlyList<string> StopStrings { get; init; } = [];

    /// <summary>Token ids to text, for <see cref="StopStrings"/>.</summary>
    public Func<IReadOnlyList<int>, string>? Decode { get; init; }

    /// <summary>Seeds the sampler's own generator, so the global RNG (and training) are left alone.</summary>
    public ulong Seed { get; init; }

    /// <summary>Every problem, empty when generation can start.</summary>
    public IEnumerable<string> Validate()
    {
        if (MaxNewTokens < 0) yield return $"max new tokens must be >= 0, got {MaxNewTokens}";
        if (!(Temperature >= 0) || !double.IsFinite(Temperature)) yield return $"temperature must be >= 0 (0 = greedy), got {Temperature}";
        if (!(TopP > 0 && TopP <= 1)) yield return $"top-p must be in (0, 1], got {TopP}";
        if (StopStrings.Any(string.IsNullOrEmpty)) yield return "stop strings must not be empty";
        if (StopStrings.Count > 0 && Decode is null) yield return "stop strings need a decode function";
    }
}
