using Frugal.Studies.Allocation;

namespace Frugal.Reports;

/// <summary>
/// What the seeds of one planned cell did: the trials that finished and those that diverged. A cell no seed
/// finished (queued, failed, or left out of the grid's results) has no <see cref="Score"/>.
/// </summary>
public sealed record AllocationCellRuns(double Budget, double Ratio, IReadOnlyList<AllocationTrialResult> Done, IReadOnlyList<AllocationTrialResult> Diverged)
{
    public AllocationScore? Score { get; } = AllocationScore.Of(Done);

    /// <summary>The stages its diverged seeds stopped in, "sft", "dpo" or "sft/dpo"; null when none diverged.</summary>
    public string? DivergedIn => Diverged.Count == 0 ? null
        : string.Join("/", Diverged.Select(d => d.DivergedIn ?? "?").Distinct().Order(StringComparer.Ordinal));

    /// <summary>Every seed that ran, finished or diverged: what the appendix and the cold-start rows read.</summary>
    public IEnumerable<AllocationTrialResult> All => Done.Concat(Diverged);
}
