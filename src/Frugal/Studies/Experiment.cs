namespace Frugal.Studies;

/// <summary>
/// An experiment in the REX paper's sense: one setting (dataset x model), one optimizer, one budget.
/// Schedules compete within it; the paper counts 28 of them in its Table 1.
/// </summary>
public sealed record Experiment(string Setting, string Optimizer, double Budget)
{
    /// <summary>The paper's split: "low budget" means under 25% of the full epoch count.</summary>
    public const double LowBudgetLimit = 0.25;

    public bool IsLowBudget => Budget < LowBudgetLimit;
}
