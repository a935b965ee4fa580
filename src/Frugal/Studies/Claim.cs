using Frugal.Schedules;
using System.ComponentModel;

namespace Frugal.Studies;

/// <summary>
/// One of the REX paper's claims checked against this run: what the paper says, the rule that decides it
/// (stated in the report), the verdict, the numbers behind it, and per-experiment comparisons where the
/// rule is a count over experiments.
/// </summary>
public sealed record Claim(
    string Label,
    string Statement,
    string Rule,
    ClaimVerdict Verdict,
    IReadOnlyList<string> Findings,
    IReadOnlyList<ScoreComparison> Comparisons);

public enum ClaimVerdict
{
    [Description("Supported")] Supported,
    [Description("Mixed")] Mixed,
    [Description("Not supported")] NotSupported,
    [Description("Can't be tested")] CannotBeTested,
}

public static class ClaimVerdicts
{
    public static string Label(this ClaimVerdict verdict) =>
        verdict.Name();
}

/// <summary>
/// Subject against reference within one experiment. GapPercent = 100 (subject - reference) / |reference|,
/// negative when the subject is better; null when either has no score. Std is the larger of the two
/// schedules' seed standard deviations, null with single seeds. Holds says whether the rule's condition
/// is met in this experiment.
/// </summary>
public sealed record ScoreComparison(
    Experiment Experiment,
    string Subject,
    double? SubjectScore,
    string? Reference,
    double? ReferenceScore,
    double? GapPercent,
    double? Std,
    bool Holds);
