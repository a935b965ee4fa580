using Microsoft.Data.Sqlite;

namespace Frugal.Storage;

/// <summary>
/// The run store's tables, as a list of migrations; schema_version holds one row per migration applied.
/// Migrations only ever get appended: a store written by an older Frugal is brought up to date on open,
/// one written by a newer Frugal is refused rather than misread.
/// </summary>
internal static class SqliteSchema
{
    private const string Now = SqliteRunStore.Now;

    /// <summary>
    /// One step of the schema. SQLite's ALTER TABLE has no IF NOT EXISTS, so a step that adds columns
    /// names a query that counts what it adds: a non-zero count means it already ran, which keeps every
    /// step idempotent even when schema_version was lost.
    /// </summary>
    private sealed record Migration(string Sql, string? AppliedWhen = null);

    private static readonly Migration[] Migrations =
    [
        // 1. The status list is a frozen copy of TrialStatus as of this version; a new status needs a migration.
        // series.value NULL stands for NaN (a diverged trial's loss), which SQLite cannot store as a REAL.
        new("""
        CREATE TABLE IF NOT EXISTS studies (
            name       TEXT PRIMARY KEY NOT NULL,
            spec_json  TEXT NOT NULL,
            created_at TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS trials (
            id          INTEGER PRIMARY KEY AUTOINCREMENT,
            study       TEXT NOT NULL REFERENCES studies(name),
            key         TEXT NOT NULL,
            config_json TEXT NOT NULL,
            status      TEXT NOT NULL DEFAULT 'queued'
                        CHECK (status IN ('queued', 'running', 'done', 'diverged', 'failed')),
            result_json TEXT,
            attempts    INTEGER NOT NULL DEFAULT 0,
            worker      TEXT,
            error       TEXT,
            created_at  TEXT NOT NULL,
            started_at  TEXT,
            finished_at TEXT,
            UNIQUE (study, key));
        CREATE INDEX IF NOT EXISTS trials_by_status ON trials (study, status, id);
        CREATE TABLE IF NOT EXISTS series (
            trial_id INTEGER NOT NULL REFERENCES trials(id),
            name     TEXT NOT NULL,
            step     INTEGER NOT NULL,
            value    REAL,
            PRIMARY KEY (trial_id, name, step)) WITHOUT ROWID;
        """),
        // 2. Leases: a claim holds a trial until lease_until; heartbeats move it on. Trials left running by an
        // older Frugal have no lease, so the first claim after this migration returns them to the queue.
        new("""
        ALTER TABLE trials ADD COLUMN lease_until TEXT;
        ALTER TABLE trials ADD COLUMN heartbeat_at TEXT;
        CREATE INDEX IF NOT EXISTS trials_by_lease ON trials (status, lease_until);
        """, AppliedWhen: "SELECT COUNT(*) FROM pragma_table_info('trials') WHERE name = 'lease_until'"),
    ];

    /// <summary>The schema version this code writes and understands.</summary>
    public static int Version => Migrations.Length;

    /// <summary>
    /// Checks the file is a Frugal store (or empty) and applies the missing migrations. Runs inside one
    /// BEGIN IMMEDIATE transaction, so processes opening a new file at once migrate it exactly once.
    /// </summary>
    public static void Migrate(SqliteConnection connection, string path)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        int current = CurrentVersion(connection, transaction, path);
        if (current > Version)
            throw new BadInputException(
                $"run store '{path}': schema version {current} is newer than this Frugal knows ({Version}); use a newer Frugal");
        for (int version = current + 1; version <= Version; version++)
        {
            using var migrate = connection.CreateCommand();
            migrate.Transaction = transaction;
            var migration = Migrations[version - 1];
            migrate.CommandText = migration.AppliedWhen ?? "SELECT 0";
            if (Convert.ToInt64(migrate.ExecuteScalar()) == 0)
            {
                migrate.CommandText = migration.Sql;
                migrate.ExecuteNonQuery();
            }
            migrate.CommandText = $"INSERT OR IGNORE INTO schema_version (version, applied_at) VALUES ($version, {Now})";
            migrate.Parameters.AddWithValue("$version", version);
            migrate.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    private static int CurrentVersion(SqliteConnection connection, SqliteTransaction transaction, string path)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
        var tables = new List<string>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
                tables.Add(reader.GetString(0));
        }

        if (!tables.Contains("schema_version"))
        {
            if (tables.Count > 0)
                throw NotOurs(path, $"it has tables {string.Join(", ", tables)} and no schema_version");
            command.CommandText = "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)";
            command.ExecuteNonQuery();
            return 0;
        }

        command.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_version";
        try
        {
            return Convert.ToInt32(command.ExecuteScalar());
        }
        catch (Exception e) when (e is SqliteException or FormatException or InvalidCastException or OverflowException)
        {
            throw NotOurs(path, $"its schema_version table is not Frugal's ({e.Message})");
        }
    }

    private static BadInputException NotOurs(string path, string why) =>
        new($"run store '{path}': a SQLite database but not a Frugal run store ({why}); pick a new file");
}
