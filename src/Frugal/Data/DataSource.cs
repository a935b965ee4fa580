using Frugal.Schedules;
namespace Frugal.Data;

/// <summary>
/// Where a data set's IDX files live, as <c>--data NAME[:DIR]</c> spells it. <see cref="ToString"/> gives that
/// text back, so a saved configuration can be parsed again.
/// </summary>
public sealed record DataSource(DatasetKind Kind, string Directory)
{
    /// <summary>The four files of an MNIST-family directory, each read as NAME.gz when present, else NAME.</summary>
    public static IReadOnlyList<string> FileNames { get; } =
        ["train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"];

    // A study runs many trials in one process; decompressing 26 MB for each would cost seconds a trial.
    private static readonly Dictionary<string, (DateTime[] Stamps, ImageSet Train, ImageSet Test)> Cache = [];
    private static readonly Lock CacheLock = new();

    public static DataSource Parse(string text)
    {
        var colon = text.IndexOf(':');
        var name = colon < 0 ? text : text[..colon];
        if (!EnumNames.TryParse<DatasetKind>(name.Trim(), out var kind))
            throw new BadInputException($"--data: unknown data set '{name}', expected one of {EnumNames.List<DatasetKind>()} (as NAME or NAME:DIR)");
        if (colon < 0)
        {
            return kind.DefaultDirectory() is { } directory
                ? new DataSource(kind, directory)
                : throw new BadInputException($"--data: {kind.Name()} has no default directory: pass --data {kind.Name()}:DIR");
        }
        var dir = text[(colon + 1)..];
        if (string.IsNullOrWhiteSpace(dir))
            throw new BadInputException($"--data: '{text}' names no directory after the colon: pass --data {kind.Name()}:DIR");
        return new DataSource(kind, dir);
    }

    public override string ToString() => $"{Kind.Name()}:{Directory}";

    /// <summary>
    /// The training and test sets, read once per process: later calls return the same sets until a file's
    /// last-write time changes. Validation is carved from the training set by <see cref="DataSplit"/>.
    /// </summary>
    public (ImageSet Train, ImageSet Test) Load()
    {
        var paths = FileNames.Select(Resolve).ToArray();
        var key = string.Join('\n', paths);
        var stamps = paths.Select(File.GetLastWriteTimeUtc).ToArray();
        // One lock for the whole read: concurrent trials asking for the same files wait for one read instead of each doing it.
        lock (CacheLock)
        {
            if (Cache.TryGetValue(key, out var cached) && cached.Stamps.SequenceEqual(stamps))
                return (cached.Train, cached.Test);
            var classes = Kind.Classes();
            var train = IdxReader.ReadImageSet(paths[0], paths[1], classes);
            var test = IdxReader.ReadImageSet(paths[2], paths[3], classes);
            if ((test.Rows, test.Cols) != (train.Rows, train.Cols))
                throw new BadInputException($"{paths[2]}: images of {test.Rows}x{test.Cols}, but {paths[0]} holds {train.Rows}x{train.Cols}");
            Cache[key] = (stamps, train, test);
            return (train, test);
        }
    }

    private string Resolve(string fileName)
    {
        var path = Path.GetFullPath(Path.Combine(Directory, fileName));
        if (File.Exists(path + ".gz")) return path + ".gz";
        if (File.Exists(path)) return path;
        throw new BadInputException($"{Kind.Name()}: {path}.gz not found: {Kind.InstallHint()}");
    }
}
