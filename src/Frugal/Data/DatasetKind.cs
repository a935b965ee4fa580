using System.ComponentModel;
using Frugal.Schedules;

namespace Frugal.Data;

/// <summary>Every data set <c>--data</c> accepts; the descriptions are the names users type.</summary>
public enum DatasetKind
{
    [Description("fashion-mnist")] FashionMnist,
    [Description("mnist")] Mnist,
}

public static class DatasetKinds
{
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
