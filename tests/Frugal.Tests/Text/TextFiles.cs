namespace Frugal.Tests.Text;

/// <summary>Small JSON Lines files and model directories in a fresh temporary folder, deleted on dispose.</summary>
public sealed class TextFiles : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("frugal-text-").FullName;

    public void Dispose() => Directory.Delete(Root, recursive: true);

    /// <summary>Writes the lines as they are (one a line) and returns the path.</summary>
    public string Jsonl(string name, params string[] lines)
    {
        var path = Path.Combine(Root, name);
        File.WriteAllText(path, string.Join("\n", lines) + "\n");
        return path;
    }
}
