using Frugal.Studies;

namespace Frugal.Storage;

/// <summary>
/// TrialStatus as stores write it: the enum name in lower case ("queued", "done"), so the enum stays the
/// only list of names and a store file reads well in any SQL shell.
/// </summary>
internal static class TrialStatusText
{
    public static string ToText(this TrialStatus status) => status.ToString().ToLowerInvariant();

    public static bool TryParse(string text, out TrialStatus status)
    {
        foreach (var s in Enum.GetValues<TrialStatus>())
        {
            if (s.ToText() == text)
            {
                status = s;
                return true;
            }
        }
        status = default;
        return false;
    }

    public static bool IsFinal(this TrialStatus status) =>
        status is TrialStatus.Done or TrialStatus.Diverged or TrialStatus.Failed;
}
