namespace Frugal.Storage;

/// <summary>Opens the run store a command names: a PostgreSQL URL, or else a SQLite file path.</summary>
public static class RunStores
{
    /// <summary>The environment variable a worker reads its store from when --store is not given (cluster jobs set it).</summary>
    public const string EnvironmentVariable = "FRUGAL_STORE";

    public static bool IsUrl(string location) => PostgresLocation.IsPostgresUrl(location);

    /// <summary>
    /// Opens (creating or migrating) the store at <paramref name="location"/>. Throws <see cref="BadInputException"/>
    /// with one line naming the file, or the host and port (never a password), when it can't be used.
    /// </summary>
    public static IRunStore Open(string location, StoreOptions? options = null) =>
        IsUrl(location)
            ? PostgresRunStore.Open(PostgresLocation.Parse(location), options)
            : SqliteRunStore.Open(location, options);

    /// <summary>The location fit to print: a URL without its password, a path as given.</summary>
    public static string Describe(string location) =>
        IsUrl(location) ? PostgresLocation.Parse(location).Display : location;
}
