using System.ComponentModel;

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
    public static IReadOnlyList<ProfileKind> All { get; } = EnumNames.All<ProfileKind>();

    public static string NameList => EnumNames.List<ProfileKind>();

    public static bool TryParse(string name, out ProfileKind kind) => EnumNames.TryParse(name, out kind);

    /// <summary>Profiles that are functions of progress alone; plateau needs a validation metric.</summary>
    public static bool IsFunctionOfProgress(this ProfileKind kind) => kind != ProfileKind.Plateau;
}
