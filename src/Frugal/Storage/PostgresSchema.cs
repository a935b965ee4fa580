using Npgsql;

namespace Frugal.Storage;

/// <summary>
/// The PostgreSQL store's tables, as a list of migrations; schema_version holds one row per migration applied.
/// Every step is written to run again harmlessly (IF NOT EXISTS), and all of them run under one advisory
/// lock, so workers starting at once on many machines migrate a new database exactly once.
/// </summary>
internal static class PostgresSchema
{
    // Any fixed number: it only has to differ from other applications' advisory locks on the same database.
    private const long MigrationLock = 0x46727567616C;

    private static readonly string[] Migrations =
    [
        // 1. As SQLite's schema at version 2 (with leases), plus results: one row per trial, whose primary key
        // makes a second completion of a trial a no-op. series.value stores NaN and infinities as they are.
        """
        CREATE TABLE IF NOT EXISTS studies (
            name       text PRIMARY KEY,
            spec_json  text NOT NULL,
            created_at timestamptz NOT NULL DEFAULT now());
        CREATE TABLE IF NOT EXISTS trials (
            id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            study        text NOT NULL REFERENCES studies(name),
            key          text NOT NULL,
            config_json  text NOT NULL,
            status       text NOT NULL DEFAULT 'queued'
                         CHECK (status IN ('queued', 'running', 'done', 'diverged', 'failed')),
            result_json  text,
            attempts     integer NOT NULL DEFAULT 0,
            worker       text,
            error        text,
            created_at   timestamptz NOT NULL DEFAULT now(),
            started_at   timestamptz,
            finished_at  timestamptz,
            heartbeat_at timestamptz,
            lease_until  timestamptz,
            UNIQUE (study, key));
        CREATE INDEX IF NOT EXISTS trials_by_status ON trials (study, status, id);
        CREATE INDEX IF NOT EXISTS trials_by_lease ON trials (status, lease_until);
        CREATE TABLE IF NOT EXISTS results (
            trial_id    bigint PRIMARY KEY REFERENCES trials(id),
            status      text NOT NULL,
            result_json text,
            error       text,
            worker      text,
            finished_at timestamptz NOT NULL DEFAULT now());
        CREATE TABLE IF NOT EXISTS series (
            trial_id bigint NOT NULL REFERENCES trials(id),
            name     text NOT NULL,
            step     integer NOT NULL,
            value    double precision,
            PRIMARY KEY (trial_id, name, step));
        """,
    ];

    private static readonly string[] OurTables = ["studies", "trials", "results", "series"];

    public static int Version => Migrations.Length;

    public static void Migrate(NpgsqlConnection connection, string display)
    {
        using var transaction = connection.BeginTransaction();
        using (var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@lock)", connection, transaction))
        {
            command.Parameters.AddWithValue("lock", MigrationLock);
            command.ExecuteNonQuery();
        }
        int current = CurrentVersion(connection, transaction, display);
        if (current > Version)
            throw new BadInputException(
                $"run store {display}: schema version {current} is newer than this Frugal knows ({Version}); use a newer Frugal");
        for (int version = current + 1; version <= Version; version++)
        {
            using var migrate = new NpgsqlCommand(Migrations[version - 1], connection, transaction);
            migrate.ExecuteNonQuery();
            using var record = new NpgsqlCommand(
                "INSERT INTO schema_version (version) VALUES (@version) ON CONFLICT (version) DO NOTHING", connection, transaction);
            record.Parameters.AddWithValue("version", version);
            record.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    private static int CurrentVersion(NpgsqlConnection connection, NpgsqlTransaction transaction, string display)
    {
        var tables = new List<string>();
        using (var list = new NpgsqlCommand(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name",
            connection, transaction))
        using (var reader = list.ExecuteReader())
        {
            while (reader.Read())
                tables.Add(reader.GetString(0));
        }

        if (!tables.Contains("schema_version"))
        {
            var clash = tables.Intersect(OurTables).ToList();
            if (clash.Count > 0)
                throw new BadInputException(
                    $"run store {display}: the database has tables {string.Join(", ", clash)} but no schema_version, so it is not a Frugal run store; use another database");
            using var create = new NpgsqlCommand(
                "CREATE TABLE schema_version (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())",
                connection, transaction);
            create.ExecuteNonQuery();
            return 0;
        }

        using var max = new NpgsqlCommand("SELECT COALESCE(MAX(version), 0) FROM schema_version", connection, transaction);
        return Convert.ToInt32(max.ExecuteScalar());
    }
}
