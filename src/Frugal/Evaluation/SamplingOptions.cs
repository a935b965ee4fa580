namespace Frugal.Evaluation;

/// <summary>How `generate` and `eval` decode. The defaults are greedy decoding, which makes an evaluation a deterministic function of the model.</summary>
public sealed record SamplingOptions
{
    public int MaxNewTokens { get; init; } = 128;

    /// <summary>0 = greedy.</summary>
    public double Temperature { get; init; }

    public double TopP { get; init; } = 1;

    /// <summary>Generation also ends when the answer contains one of these; the answer is cut before it.</summary>
    public IReadOnlyList<string> StopStrings { get; init; } = [];

    /// <summary>Seeds sampling (temperature &gt; 0); an evaluation gives record i the seed Seed + i, so records are independent of their order.</summary>
    public ulong Seed { get; init; }

    /// <summary>Every problem, named by the CLI option that sets it.</summary>
    public IEnumerable<string> Validate()
    {
        if (MaxNewTokens < 1) yield return $"--max-tokens must be >= 1, got {MaxNewTokens}";
        if (!(Temperature >= 0) || !double.IsFinite(Temperature)) yield return $"--temperature must be >= 0 (0 = greedy), got {Temperature}";
        if (!(TopP > 0 && TopP <= 1)) yield return $"--top-p must be in (0, 1], got {TopP}";
        if (StopStrings.Any(string.IsNullOrEmpty)) yield return "--stop must not be empty";
    }
}
