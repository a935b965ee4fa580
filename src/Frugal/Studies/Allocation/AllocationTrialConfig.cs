using Frugal.Data.Tasks;
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

    public TaskKind Task { get; init; }

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
        ? $"task={Task.Name()}|base|seed={Seed}"
        : $"task={Task.Name()}|budget={Budget:R}|sft_ratio={SftRatio:R}|seed={Seed}";
}
