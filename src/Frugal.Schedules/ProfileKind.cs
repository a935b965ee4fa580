using System.ComponentModel;
using System.Reflection;

namespace Frugal.Schedules;

/// <summary>Every profile Frugal ships; the descriptions are the names users type.</summary>
public enum ProfileKind
{
    [Description("rex")] Rex,
    [Description("linear")] Linear,
    [Description("cosine")] Cosine,
    [Description("exponential")] Exponential,
    [Description("step")] Step,
    [Description("onecycle")] OneCycle,
    [Description("constant")] Constant,
    [Description("delayed-linear")] DelayedLinear,
    [Description("plateau")] Plateau,
    [Description("wsd")] Wsd,
    [Description("polynomial")] Polynomial,
}

public static class ProfileKinds
{
    public static IReadOnlyList<ProfileKind> All { get; } = Enum.GetValues<ProfileKind>();

    public static string Name(this ProfileKind kind) =>
        typeof(ProfileKind).GetField(kind.ToString())!.GetCustomAttribute<DescriptionAttribute>()!.Description;

    public static bool TryParse(string name, out ProfileKind kind)
    {
        foreach (var k in All)
        {
            if (string.Equals(k.Name(), name, StringComparison.OrdinalIgnoreCase))
            {
                kind = k;
                return true;
            }
        }
        kind = default;
        return false;
    }

    public static string NameList => string.Join(", ", All.Select(Name));

    /// <summary>Profiles that are functions of progress alone; plateau needs a validation metric.</summary>
    public static bool IsFunctionOfProgress(this ProfileKind kind) => kind != ProfileKind.Plateau;
}
