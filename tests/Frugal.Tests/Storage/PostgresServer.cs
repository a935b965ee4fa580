using Frugal.Storage;
using Npgsql;

namespace Frugal.Tests.Storage;

/// <summary>
/// The PostgreSQL server tests run against: its URL in FRUGAL_TEST_PG (scripts/pg-test-server.sh start sets it,
/// with PGPASSWORD). Outside CI a test that needs it is skipped, saying why; under CI (CI=true) it runs and fails
/// with that same message, so a CI without the server can never pass by skipping.
/// </summary>
public static class PostgresServer
{
    public const string Variable = "FRUGAL_TEST_PG";

    public static string? Url => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } url ? url : null;

    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public const string Missing =
        $"{Variable} is not set: start a throwaway server with `eval \"$(scripts/pg-test-server.sh start)\"` (.ci/run does this)";

    public static string RequireUrl() => Url ?? throw new InvalidOperationException(Missing);

    public static PostgresLocation Location => PostgresLocation.Parse(RequireUrl());

    /// <summary>A connection to the server's own database (the one in the URL), for creating and dropping test databases.</summary>
    public static NpgsqlConnection Admin(string? database = null)
    {
        var location = Location;
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = location.Host,
            Port = location.Port,
            Username = location.User,
            Database = database ?? location.Database,
            Pooling = false,
        };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        connection.Open();
        return connection;
    }
}

/// <summary>A fact that needs the test PostgreSQL server: skipped outside CI when FRUGAL_TEST_PG is unset, run (and failing) under CI.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (PostgresServer.Url is null && !PostgresServer.InCi) Skip = PostgresServer.Missing;
    }
}

/// <summary>A fresh database on the test server for one test, dropped on dispose; its URL carries no password.</summary>
public sealed class PostgresDatabase : IDisposable
{
    public PostgresDatabase()
    {
        Name = $"frugal_test_{Guid.NewGuid():N}";
        using var admin = PostgresServer.Admin();
        // The name is ours, made of hex digits: an identifier can't be a parameter.
        using var create = new NpgsqlCommand($"CREATE DATABASE {Name}", admin);
        create.ExecuteNonQuery();
        var server = PostgresServer.Location;
        Url = $"postgresql://{server.User}@{server.HostAndPort}/{Name}";
    }

    public string Name { get; }

    public string Url { get; }

    public PostgresRunStore Open(StoreOptions? options = null) => PostgresRunStore.Open(PostgresLocation.Parse(Url), options);

    public object? Scalar(string sql)
    {
        using var connection = PostgresServer.Admin(Name);
        using var command = new NpgsqlCommand(sql, connection);
        return command.ExecuteScalar();
    }

    public void Execute(string sql)
    {
        using var connection = PostgresServer.Admin(Name);
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        using var admin = PostgresServer.Admin();
        using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", admin);
        drop.ExecuteNonQuery();
    }
}
