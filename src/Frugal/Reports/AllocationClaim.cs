using System.ComponentModel;

namespace Frugal.Reports;

/// <summary>
/// One of "Balancing the Budget"'s findings checked on one task of this run: what the paper says, the rule that
/// decides it, the verdict and the numbers behind it.
/// </summary>
public sealed record AllocationClaim(string Label, string Task, string Statement, string Rule, AllocationVerdict Verdict, IReadOnlyList<string> Findings);

public enum AllocationVerdict
{
    [Description("supported")] Supported,
    [Description("mixed")] Mixed,
    [Description("not supported")] NotSupported,

    /// <summary>The grid lacks the cells the claim compares, or every cell it compares scored within the noise of zero.</summary>
    [Description("not measured")] NotMeasured,
}
