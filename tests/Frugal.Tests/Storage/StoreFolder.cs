using Microsoft.Data.Sqlite;

namespace Frugal.Tests.Storage;

/// <summary>A temporary folder for store files, and raw SQL to check what a store really wrote.</summary>
public sealed class StoreFolder : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("frugal-store-").FullName;

    public string File(string name = "runs.db") => Path.Combine(Root, name);

    public void Dispose() => Directory.Delete(Root, recursive: true);

    public static SqliteConnection Connect(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Pooling = false,
        }.ToString());
        connection.Open();
        return connection;
    }

    public static object? Scalar(string path, string sql)
    {
        using var connection = Connect(path);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    public static void Execute(string path, string sql)
    {
        using var connection = Connect(path);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
