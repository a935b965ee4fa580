namespace Frugal.Studies.Allocation;

/// <summary>
/// What one cell measured. <see cref="Metric"/> is higher-is-better: accuracy for verifiable tasks, win rate
/// against the reference (a tie counts half) for judged ones. The Start* log-probabilities are the cold-start
/// analysis's shift: how likely the model DPO starts from (or would start from) finds the chosen answers.
/// </summary>
public sealed record AllocationTrialResult
{
    public string Task { get; init; } = "";
    public double Budget { get; init; }
    public double SftRatio { get; init; }
    public int Seed { get; init; }
    public bool IsBase { get; init; }
    public int NSft { get; init; }
    public int NPref { get; init; }

    public string Status { get; init; } = Done;

    /// <summary>Where the run stopped when it diverged: "sft" or "dpo".</summary>
    public string? DivergedIn { get; init; }

    public double Metric { get; init; } = double.NaN;
    public double MetricLow { get; init; } = double.NaN;
    public double MetricHigh { get; init; } = double.NaN;
    public int EvalProblems { get; init; }

    /// <summary>Share of answers in the demonstrated format (math: a "#### N" line with a number); NaN for tasks without a format check.</summary>
    public double FormatRate { get; init; } = double.NaN;

    /// <summary>Generated tokens of every evaluation answer, in evaluation order.</summary>
    public IReadOnlyList<int> ResponseTokens { get; init; } = [];

    /// <summary>Mean log-probability per token of the held-out chosen answers under the DPO starting model.</summary>
    public double StartChosenLogp { get; init; } = double.NaN;

    public double StartRejectedLogp { get; init; } = double.NaN;

    public double? SftLr { get; init; }
    public int SftSteps { get; init; }
    public double? SftValLoss { get; init; }
    public double? DpoLr { get; init; }
    public double? DpoBeta { get; init; }
    public int DpoSteps { get; init; }

    /// <summary>The selected DPO run's last training metrics, under TRL's names.</summary>
    public IReadOnlyDictionary<string, double> DpoFinal { get; init; } = new Dictionary<string, double>();

    /// <summary>The base trial's skill probe (math): equation completion and answer-anywhere rates.</summary>
    public IReadOnlyDictionary<string, double> Skill { get; init; } = new Dictionary<string, double>();

    /// <summary>A few evaluation answers, for a reader to see what the numbers count.</summary>
    public IReadOnlyList<string> Samples { get; init; } = [];

    public double Seconds { get; init; }

    public const string Done = "done";
    public const string Diverged = "diverged";

    public bool IsDiverged => Status == Diverged;
}
