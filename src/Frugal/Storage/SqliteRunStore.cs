using System.Globalization;
using Frugal.Studies;
using Microsoft.Data.Sqlite;
using static SQLitePCL.raw;

namespace Frugal.Storage;

/// <summary>
/// The default run store: one SQLite file in WAL mode, shared by every worker process on the machine.
/// Each instance owns one connection and is used from one thread at a time; for parallel workers open
/// one instance each. SQLite's file locks then make claims atomic across threads and processes alike.
/// </summary>
public sealed class SqliteRunStore : IRunStore
{
    /// <summary>UTC timestamps as ISO 8601 text, taken by SQLite so every writer uses the same clock format.</summary>
    internal const string Now = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";

    // Workers hold the write lock only for one short statement, so waiting long beats failing a trial.
    private const int BusyTimeoutSeconds = 30;

    private const string TrialColumns =
        "id, study, key, config_json, status, result_json, attempts, worker, error, started_at, finished_at, heartbeat_at, lease_until";

    private static readonly string Queued = TrialStatus.Queued.ToText();
    private static readonly string Running = TrialStatus.Running.ToText();
    private static readonly string Failed = TrialStatus.Failed.ToText();

    private readonly SqliteConnection _connection;

    private SqliteRunStore(SqliteConnection connection, string filePath, StoreOptions options)
    {
        _connection = connection;
        FilePath = filePath;
        Options = options;
    }

    /// <summary>The store's file, as an absolute path.</summary>
    public string FilePath { get; }

    public string Location => FilePath;

    public StoreOptions Options { get; }

    // SQLite's date modifiers take "+N seconds"; invariant digits whatever the culture.
    private string LeaseModifier => FormattableString.Invariant($"+{Options.Lease.TotalSeconds:0.###} seconds");

    /// <summary>
    /// Opens the store at <paramref name="path"/>, creating the file, its folders and the schema if new, and
    /// migrating an older store. Throws <see cref="BadInputException"/> for a path that can't be a store.
    /// </summary>
    public static SqliteRunStore Open(string path, StoreOptions? options = null)
    {
        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw Bad(path, $"not a usable file path ({e.Message})");
        }
        if (Directory.Exists(full))
            throw Bad(path, "is a folder; expected a SQLite file");
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Bad(path, $"cannot create its folder ({e.Message})");
        }

        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = full,
            Mode = SqliteOpenMode.ReadWriteCreate,
            // A store lives as long as its worker; pooling would only keep the file open after Dispose,
            // which delays the WAL checkpoint and keeps the -wal file around.
            Pooling = false,
            DefaultTimeout = BusyTimeoutSeconds,
        }.ToString());
        try
        {
            connection.Open();
            Execute(connection, $"PRAGMA busy_timeout = {BusyTimeoutSeconds * 1000}");
            Execute(connection, "PRAGMA synchronous = NORMAL");
            Execute(connection, "PRAGMA foreign_keys = ON");
            SqliteSchema.Migrate(connection, path);
            // After the schema check, so a file that is refused is left exactly as it was. WAL lets readers
            // (reports) run while a worker writes; with NORMAL a commit survives a killed process, which is
            // what resume needs; only a power cut may lose the last commits.
            Execute(connection, "PRAGMA journal_mode = WAL");
            return new SqliteRunStore(connection, full, options ?? new StoreOptions());
        }
        catch (Exception e)
        {
            connection.Dispose();
            if (e is SqliteException sqlite && Problem(sqlite) is string problem)
                throw Bad(path, problem);
            throw;
        }
    }

    public void EnsureStudy(string study, string specJson)
    {
        using var command = Command(
            $"INSERT INTO studies (name, spec_json, created_at) VALUES ($study, $spec, {Now}) ON CONFLICT (name) DO NOTHING");
        command.Parameters.AddWithValue("$study", study);
        command.Parameters.AddWithValue("$spec", specJson);
        command.ExecuteNonQuery();
    }

    public int Enqueue(string study, IEnumerable<(string Key, string ConfigJson)> trials)
    {
        using var transaction = _connection.BeginTransaction(deferred: false);
        using (var exists = Command("SELECT 1 FROM studies WHERE name = $study", transaction))
        {
            exists.Parameters.AddWithValue("$study", study);
            if (exists.ExecuteScalar() is null)
                throw new InvalidOperationException($"study '{study}' is not in run store '{FilePath}'; call EnsureStudy first");
        }

        // ON CONFLICT names the one constraint to skip; INSERT OR IGNORE would also drop rows with a null config.
        using var insert = Command(
            "INSERT INTO trials (study, key, config_json, status, attempts, created_at) " +
            $"VALUES ($study, $key, $config, '{TrialStatus.Queued.ToText()}', 0, {Now}) ON CONFLICT (study, key) DO NOTHING",
            transaction);
        insert.Parameters.AddWithValue("$study", study);
        var key = insert.Parameters.Add("$key", SqliteType.Text);
        var config = insert.Parameters.Add("$config", SqliteType.Text);
        int added = 0;
        foreach (var trial in trials)
        {
            key.Value = trial.Key;
            config.Value = trial.ConfigJson;
            added += insert.ExecuteNonQuery();
        }
        transaction.Commit();
        return added;
    }

    public StoredTrial? ClaimNext(string? study, string worker)
    {
        // BEGIN IMMEDIATE takes the write lock before the SELECT, so two workers can't both see the same
        // queued row; a deferred transaction could also fail to upgrade its stale WAL snapshot (BUSY_SNAPSHOT).
        using var transaction = _connection.BeginTransaction(deferred: false);
        ExpireLeases(study, transaction);
        using var claim = Command(
            $"""
            UPDATE trials
            SET status = '{Running}', worker = $worker, started_at = {Now}, heartbeat_at = {Now},
                lease_until = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', $lease), attempts = attempts + 1, error = NULL
            WHERE id = (SELECT id FROM trials WHERE ($study IS NULL OR study = $study) AND status = '{Queued}' ORDER BY id LIMIT 1)
            RETURNING {TrialColumns}
            """,
            transaction);
        claim.Parameters.AddWithValue("$study", (object?)study ?? DBNull.Value);
        claim.Parameters.AddWithValue("$worker", worker);
        claim.Parameters.AddWithValue("$lease", LeaseModifier);
        StoredTrial? claimed;
        using (var reader = claim.ExecuteReader())
            claimed = reader.Read() ? ReadTrial(reader) : null;
        transaction.Commit();
        return claimed;
    }

    public bool Heartbeat(long trialId, string worker)
    {
        using var command = Command(
            $"""
            UPDATE trials SET heartbeat_at = {Now}, lease_until = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', $lease)
            WHERE id = $id AND worker = $worker AND status = '{Running}'
            """);
        command.Parameters.AddWithValue("$id", trialId);
        command.Parameters.AddWithValue("$worker", worker);
        command.Parameters.AddWithValue("$lease", LeaseModifier);
        return command.ExecuteNonQuery() == 1;
    }

    public bool Release(long trialId, string worker)
    {
        using var command = Command(
            $"""
            UPDATE trials SET status = '{Queued}', worker = NULL, started_at = NULL, heartbeat_at = NULL, lease_until = NULL,
                attempts = MAX(attempts - 1, 0)
            WHERE id = $id AND worker = $worker AND status = '{Running}'
            """);
        command.Parameters.AddWithValue("$id", trialId);
        command.Parameters.AddWithValue("$worker", worker);
        return command.ExecuteNonQuery() == 1;
    }

    public bool Abandon(long trialId, string worker)
    {
        using var command = Command(
            $"UPDATE trials SET lease_until = '1970-01-01T00:00:00.000Z' WHERE id = $id AND worker = $worker AND status = '{Running}'");
        command.Parameters.AddWithValue("$id", trialId);
        command.Parameters.AddWithValue("$worker", worker);
        return command.ExecuteNonQuery() == 1;
    }

    public int RetryFailed(string study)
    {
        using var command = Command(
            $"""
            UPDATE trials SET status = '{Queued}', worker = NULL, started_at = NULL, finished_at = NULL, heartbeat_at = NULL, lease_until = NULL
            WHERE study = $study AND status = '{Failed}' AND attempts < $max
            """);
        command.Parameters.AddWithValue("$study", study);
        command.Parameters.AddWithValue("$max", Options.MaxAttempts);
        return command.ExecuteNonQuery();
    }

    public int ExpireLeases(string? study)
    {
        using var transaction = _connection.BeginTransaction(deferred: false);
        int expired = ExpireLeases(study, transaction);
        transaction.Commit();
        return expired;
    }

    // SET expressions all read the row as it was, so attempts and worker here are the expired claim's.
    private int ExpireLeases(string? study, SqliteTransaction transaction)
    {
        using var command = Command(
            $"""
            UPDATE trials SET
                status = CASE WHEN attempts >= $max THEN '{Failed}' ELSE '{Queued}' END,
                error = CASE WHEN attempts >= $max
                    THEN 'gave up after ' || attempts || ' attempts; last: the lease of ' || COALESCE(worker, '?') || ' expired'
                    ELSE 'attempt ' || attempts || ': the lease of ' || COALESCE(worker, '?') || ' expired' END,
                finished_at = CASE WHEN attempts >= $max THEN {Now} ELSE NULL END,
                worker = CASE WHEN attempts >= $max THEN worker ELSE NULL END,
                started_at = CASE WHEN attempts >= $max THEN started_at ELSE NULL END,
                lease_until = NULL
            WHERE status = '{Running}' AND ($study IS NULL OR study = $study)
              AND (lease_until IS NULL OR lease_until < {Now})
            """,
            transaction);
        command.Parameters.AddWithValue("$max", Options.MaxAttempts);
        command.Parameters.AddWithValue("$study", (object?)study ?? DBNull.Value);
        return command.ExecuteNonQuery();
    }

    public void Complete(long trialId, TrialStatus status, string? resultJson, string? error)
    {
        if (!status.IsFinal())
            throw new ArgumentOutOfRangeException(nameof(status), status, "a trial completes as Done, Diverged or Failed");
        // Only a running trial changes, so a late or repeated completion can't overwrite the first result.
        using var command = Command(
            $"""
            UPDATE trials SET status = $status, result_json = $result, error = $error, finished_at = {Now}, lease_until = NULL
            WHERE id = $id AND status = '{Running}'
            """);
        command.Parameters.AddWithValue("$status", status.ToText());
        command.Parameters.AddWithValue("$result", (object?)resultJson ?? DBNull.Value);
        command.Parameters.AddWithValue("$error", (object?)error ?? DBNull.Value);
        command.Parameters.AddWithValue("$id", trialId);
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// Stores the points in one transaction; a step recorded again (a resumed trial) replaces the old value.
    /// NaN and infinities round-trip.
    /// </summary>
    public void AppendSeries(long trialId, string name, IEnumerable<(int Step, double Value)> points)
    {
        using var transaction = _connection.BeginTransaction(deferred: false);
        using var insert = Command(
            "INSERT OR REPLACE INTO series (trial_id, name, step, value) VALUES ($trial, $name, $step, $value)", transaction);
        insert.Parameters.AddWithValue("$trial", trialId);
        insert.Parameters.AddWithValue("$name", name);
        var step = insert.Parameters.Add("$step", SqliteType.Integer);
        var value = insert.Parameters.Add("$value", SqliteType.Real);
        foreach (var point in points)
        {
            step.Value = point.Step;
            value.Value = double.IsNaN(point.Value) ? DBNull.Value : point.Value;
            insert.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    public IReadOnlyList<(int Step, double Value)> Series(long trialId, string name)
    {
        using var command = Command("SELECT step, value FROM series WHERE trial_id = $trial AND name = $name ORDER BY step");
        command.Parameters.AddWithValue("$trial", trialId);
        command.Parameters.AddWithValue("$name", name);
        var points = new List<(int, double)>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
            points.Add((reader.GetInt32(0), reader.IsDBNull(1) ? double.NaN : reader.GetDouble(1)));
        return points;
    }

    public IReadOnlyList<StoredTrial> Trials(string study)
    {
        using var command = Command($"SELECT {TrialColumns} FROM trials WHERE study = $study ORDER BY id");
        command.Parameters.AddWithValue("$study", study);
        var trials = new List<StoredTrial>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
            trials.Add(ReadTrial(reader));
        return trials;
    }

    public IReadOnlyList<string> Studies()
    {
        using var command = Command("SELECT name FROM studies ORDER BY created_at, name");
        var names = new List<string>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
            names.Add(reader.GetString(0));
        return names;
    }

    public string? StudySpec(string study)
    {
        using var command = Command("SELECT spec_json FROM studies WHERE name = $study");
        command.Parameters.AddWithValue("$study", study);
        return command.ExecuteScalar() as string;
    }

    public void Dispose() => _connection.Dispose();

    private SqliteCommand Command(string sql, SqliteTransaction? transaction = null)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    private StoredTrial ReadTrial(SqliteDataReader reader)
    {
        long id = reader.GetInt64(0);
        string statusText = reader.GetString(4);
        if (!TrialStatusText.TryParse(statusText, out var status))
            throw Bad(FilePath, $"trial {id} has status '{statusText}', which this Frugal does not know");
        return new StoredTrial(
            id,
            Study: reader.GetString(1),
            Key: reader.GetString(2),
            ConfigJson: reader.GetString(3),
            status,
            ResultJson: reader.IsDBNull(5) ? null : reader.GetString(5),
            Attempts: reader.GetInt32(6),
            Worker: reader.IsDBNull(7) ? null : reader.GetString(7),
            Error: reader.IsDBNull(8) ? null : reader.GetString(8))
        {
            StartedAt = Time(reader, 9),
            FinishedAt = Time(reader, 10),
            HeartbeatAt = Time(reader, 11),
            LeaseUntil = Time(reader, 12),
        };
    }

    private static DateTimeOffset? Time(SqliteDataReader reader, int column) =>
        reader.IsDBNull(column)
            ? null
            : DateTimeOffset.Parse(reader.GetString(column), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static string? Problem(SqliteException e) => e.SqliteErrorCode switch
    {
        SQLITE_NOTADB => "not a SQLite database",
        SQLITE_CORRUPT => "a corrupt SQLite database",
        SQLITE_CANTOPEN => "cannot be opened or created (check the folder's permissions)",
        SQLITE_READONLY or SQLITE_PERM or SQLITE_AUTH => "is read-only; a run store needs write access",
        _ => null,
    };

    private static BadInputException Bad(string path, string problem) => new($"run store '{path}': {problem}");
}
