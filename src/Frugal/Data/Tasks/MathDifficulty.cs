namespace Frugal.Data.Tasks;

/// <summary>
/// How hard the math task's problems are. The defaults are small on purpose: a PyTorch prototype of the study
/// (a 0.85M-parameter byte-level GPT) with operands up to 99 completed equations only 58% of the time
/// (multiplication 4%) and reached no final-answer accuracy below 3,000 demonstrations, so a study of
/// allocation measured nothing (issue 5, "Calibrate before you sweep").
/// </summary>
public sealed record MathDifficulty
{
    public int MinSteps { get; init; } = 2;

    public int MaxSteps { get; init; } = 4;

    /// <summary>Largest starting amount, addend and subtrahend.</summary>
    public int MaxOperand { get; init; } = 20;

    /// <summary>Largest multiplier (multipliers are 2..MaxFactor); 1 leaves multiplication out.</summary>
    public int MaxFactor { get; init; } = 3;

    /// <summary>No intermediate result exceeds this, so every number stays two digits by default.</summary>
    public int MaxValue { get; init; } = 99;

    /// <summary>Share of steps that multiply when multiplying is possible; the rest add or subtract evenly.</summary>
    public double MultiplyShare { get; init; } = 0.2;

    public IEnumerable<string> Validate()
    {
        if (MinSteps < 1) yield return $"math MinSteps must be at least 1, got {MinSteps}";
        if (MaxSteps < MinSteps) yield return $"math MaxSteps ({MaxSteps}) must be at least MinSteps ({MinSteps})";
        if (MaxOperand < 2) yield return $"math MaxOperand must be at least 2, got {MaxOperand}";
        if (MaxFactor < 1) yield return $"math MaxFactor must be at least 1 (1 = no multiplication), got {MaxFactor}";
        if (MaxValue < MaxOperand * 2) yield return $"math MaxValue ({MaxValue}) must be at least twice MaxOperand ({MaxOperand})";
        if (MultiplyShare is < 0 or > 1) yield return $"math MultiplyShare must be in [0, 1], got {MultiplyShare}";
    }
}
