using Frugal.Schedules;
using Frugal.Studies;

namespace Frugal.Storage;

/// <summary>
/// TrialStatus as stores write it: its name from the enum ("queued", "done"), so a store file reads well
/// in any SQL shell and results.csv uses the same words.
/// </summary>
internal static class TrialStatusText
{
    public static string ToText(this TrialStatus status) => status.Name();

    public static bool TryParse(string text, out TrialStatus status) => EnumNames.TryParse(text, out status);

    public static bool IsFinal(this TrialStatus status) =>
        status is TrialStatus.Done or TrialStatus.Diverged or TrialStatus.Failed;
}
