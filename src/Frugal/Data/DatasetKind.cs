using System.ComponentModel;
using System.Reflection;

namespace Frugal.Data;

/// <summary>Every data set <c>--data</c> accepts; the descriptions are the names users type.</summary>
public enum DatasetKind
{
    [Description("fashion-mnist")] FashionMnist,
    [Description("mnist")] Mnist,
}

public static class DatasetKinds
{
    public static IReadOnlyList<DatasetKind> All { get; } = Enum.GetValues<DatasetKind>();

    public static string Name(this DatasetKind kind) =>
        typeof(DatasetKind).GetField(kind.ToString())!.GetCustomAttribute<DescriptionAttribute>()!.Description;

    public static bool TryParse(string name, out DatasetKind kind)
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

    /// <summary>Where a Debian package installs the data set; null when none does, so the user must name a directory.</summary>
    public static string? DefaultDirectory(this DatasetKind kind) => kind switch
    {
        DatasetKind.FashionMnist => "/usr/share/datasets/fashion-mnist",
        _ => null,
    };

    /// <summary>How to get the files, for the message that says they are missing.</summary>
    public static string InstallHint(this DatasetKind kind) => kind switch
    {
        DatasetKind.FashionMnist =>
            "install Debian's dataset-fashion-mnist package (apt-get install dataset-fashion-mnist) or pass --data fashion-mnist:DIR",
        _ => $"pass --data {kind.Name()}:DIR with DIR holding the four IDX files ({string.Join(", ", DataSource.FileNames)}, each raw or .gz)",
    };

    public static int Classes(this DatasetKind kind) => kind switch
    {
        DatasetKind.FashionMnist or DatasetKind.Mnist => 10,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
