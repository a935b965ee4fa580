namespace Frugal;

/// <summary>
/// Writes a file under a temporary name next to it and renames it over the target, so a crash or kill at any
/// moment leaves the old file or the new one, never half of one. The temporary file is removed if writing fails.
/// </summary>
public static class AtomicFile
{
    /// <param name="write">Writes the whole content to the path it is given (the temporary one).</param>
    /// <param name="overwrite">False: an existing file at <paramref name="path"/> is kept and the rename throws IOException.</param>
    public static void Write(string path, Action<string> write, bool overwrite = true)
    {
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            write(temporary);
            File.Move(temporary, path, overwrite);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    public static void WriteAllText(string path, string text) => Write(path, temporary => File.WriteAllText(temporary, text));
}
