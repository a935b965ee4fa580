using Frugal.Data.Tasks;
using Frugal.Evaluation;
using Frugal.Schedules;

namespace Frugal.Studies.Allocation;

/// <summary>
/// One cell of an allocation study at one seed, as the store keeps it: the split of the budget, where its data
/// and base model are, and how to train and evaluate. A base-model trial (<see cref="IsBase"/>) trains nothing and
/// measures the starting point: the paper's base-model marker and the cold-start analysis's first row.
/// </summary>
public sealed record AllocationTrialConfig
{
    /// <summary>Tells the worker this is an allocation cell, not a REX training run.</summary>
    public const string TrialKind = "allocation";

    public string Trial { get; init; } = TrialKind;

    /// <summary>The generated task; null for data the user brought (<see cref="Verifier"/> scores it).</summary>
    public TaskKind? Task { get; init; }

    /// <summary>Scores the answers: the task's own checker for a generated task, the user's choice otherwise.</summary>
    public VerifierKind Verifier { get; init; }

    /// <summary>The task's name, or "custom" for the user's data: the report's and the keys' name for it.</summary>
    public string Label => Task is { } task ? task.Name() : CustomLabel;

    public const string CustomLabel = "custom";

    public double Budget { get; init; }

    public double SftRatio { get; init; }

    public double CostSft { get; init; } = 1;

    public double CostPref { get; init; } = 1;

    public int Seed { get; init; }

    public bool IsBase { get; init; }

    /// <summary>The cached base model's directory.</summary>
    public string BaseModel { get; init; } = "";

    /// <summary>The study's data files (<see cref="AllocationData"/>).</summary>
    public AllocationData Data { get; init; } = new();

    public AllocationTuning Sft { get; init; } = new();

    public AllocationTuning Dpo { get; init; } = new() { Lrs = [1e-4] };

    public int MaxNewTokens { get; init; } = 96;

    public DataSplitCounts Split => IsBase ? new DataSplitCounts(SftRatio, 0, 0) : new DataBudget(Budget, CostSft, CostPref).Split(SftRatio);

    public string Key => IsBase
        ? $"task={Label}|base|seed={Seed}"
        : $"task={Label}|budget={Budget:R}|sft_ratio={SftRatio:R}|seed={Seed}";
}
