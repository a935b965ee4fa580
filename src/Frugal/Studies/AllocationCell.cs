namespace Frugal.Studies;

/// <summary>
/// One measured cell of an allocation study: a task at a budget B (equal costs, so B examples) and an
/// SFT ratio r, with the metric (higher is better: accuracy or win rate) averaged over its seeds.
/// </summary>
public sealed record AllocationCell(string Task, double Budget, double SftRatio, double Mean, double Std, int Seeds);
