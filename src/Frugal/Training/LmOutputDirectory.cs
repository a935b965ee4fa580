namespace Frugal.Training;

/// <summary>
/// The rule every trainer's --out follows: a new or empty directory is used; a non-empty one only with
/// --overwrite (its files are replaced as the run writes them) or --resume (which needs the checkpoint to continue).
/// Checked before any file is read or written, so a refused run changes nothing.
/// </summary>
public static class LmOutputDirectory
{
    public static void Check(string directory, bool overwrite, bool resume)
    {
        if (overwrite && resume) throw new BadInputException("--overwrite and --resume contradict each other: start again, or continue the run");
        if (File.Exists(directory)) throw new BadInputException($"--out {directory}: is a file, expected a directory");
        if (!Directory.Exists(directory) || !Directory.EnumerateFileSystemEntries(directory).Any()) return;
        var checkpoint = CausalLmCheckpoint.PathIn(directory);
        if (resume && !File.Exists(checkpoint))
            throw new BadInputException($"--resume: {directory} holds no {CausalLmCheckpoint.FileName} to continue from");
        if (!overwrite && !resume)
            throw new BadInputException($"--out {directory}: not empty; choose a new directory, add --overwrite to replace it, or --resume the run in it");
    }

    /// <summary>Whether two paths name the same directory (the input model must never be written).</summary>
    public static bool Same(string a, string b) =>
        string.Equals(Path.TrimEndingDirectorySeparator(Path.GetFullPath(a)), Path.TrimEndingDirectorySeparator(Path.GetFullPath(b)), StringComparison.Ordinal);
}
