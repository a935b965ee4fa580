using System.Reflection;
using Frugal.Storage;
using Xunit.Sdk;

namespace Frugal.Tests.Storage;

/// <summary>
/// One store of each kind for tests that every store must pass: a fresh SQLite file, or a fresh database on
/// the test PostgreSQL server; with its location and raw SQL to check what it really wrote.
/// </summary>
public sealed class StoreTarget : IDisposable
{
    private readonly StoreFolder? _folder;
    private readonly PostgresDatabase? _database;

    private StoreTarget(string kind)
    {
        if (kind == "sqlite")
        {
            _folder = new StoreFolder();
            Location = _folder.File();
        }
        else
        {
            _database = new PostgresDatabase();
            Location = _database.Url;
        }
    }

    public string Location { get; }

    public static StoreTarget Create(string kind) => new(kind);

    public IRunStore Open(StoreOptions? options = null) => RunStores.Open(Location, options);

    public long Count(string sql) => Convert.ToInt64(_folder is not null ? StoreFolder.Scalar(Location, sql) : _database!.Scalar(sql));

    public void Execute(string sql)
    {
        if (_folder is not null) StoreFolder.Execute(Location, sql);
        else _database!.Execute(sql);
    }

    public void Dispose()
    {
        _folder?.Dispose();
        _database?.Dispose();
    }
}

/// <summary>Theory data: "sqlite".</summary>
public sealed class SqliteStoreAttribute : DataAttribute
{
    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [["sqlite"]];
}

/// <summary>Theory data: "postgresql"; skipped outside CI without the test server (see <see cref="PostgresServer"/>).</summary>
public sealed class PostgresStoreAttribute : DataAttribute
{
    public PostgresStoreAttribute()
    {
        if (PostgresServer.Url is null && !PostgresServer.InCi) Skip = PostgresServer.Missing;
    }

    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [["postgresql"]];
}
