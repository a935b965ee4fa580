namespace Frugal.Reports;

/// <summary>
/// What the REX report says about how the study was run, beyond its trials: the command and preset that
/// produced it, what 100% of the budget means for each setting and why, and how long it took.
/// </summary>
public sealed record RexReportContext(
    string Title,
    string Command,
    string Preset,
    IReadOnlyDictionary<string, RexSettingBudget> Settings,
    TimeSpan WallTime);

/// <summary>A setting's full budget (100%) in epochs, and a short reason for that number.</summary>
public sealed record RexSettingBudget(double FullEpochs, string Justification);
