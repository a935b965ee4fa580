using System.Net.Sockets;
using Frugal.Studies;
using Npgsql;
using NpgsqlTypes;

namespace Frugal.Storage;

/// <summary>
/// The shared run store: PostgreSQL, for workers on many machines. Each instance holds one connection and is
/// used from one thread at a time. A claim is one transaction that locks the lowest queued row with
/// FOR UPDATE SKIP LOCKED, so concurrent workers never wait on each other's candidate rows nor take the same
/// one. Every value goes in as a parameter; the SQL text holds only constants.
/// </summary>
public sealed class PostgresRunStore : IRunStore
{
    private const string TrialColumns =
        "id, study, key, config_json, status, result_json, attempts, worker, error, started_at, finished_at, heartbeat_at, lease_until";

    private static readonly string Queued = TrialStatus.Queued.ToText();
    private static readonly string Running = TrialStatus.Running.ToText();
    private static readonly string Failed = TrialStatus.Failed.ToText();

    private readonly NpgsqlConnection _connection;

    private PostgresRunStore(NpgsqlConnection connection, PostgresLocation location, StoreOptions options)
    {
        _connection = connection;
        Url = location;
        Options = options;
    }

    /// <summary>The schema version this code writes and understands.</summary>
    public static int SchemaVersion => PostgresSchema.Version;

    public PostgresLocation Url { get; }

    public string Location => Url.Display;

    public StoreOptions Options { get; }

    /// <summary>
    /// Connects and creates or migrates the schema. An unreachable server, refused credentials, a missing
    /// database or a newer schema is a <see cref="BadInputException"/> naming host and port, never the password.
    /// </summary>
    public static PostgresRunStore Open(PostgresLocation location, StoreOptions? options = null)
    {
        var connection = new NpgsqlConnection(location.ConnectionString("frugal"));
        try
        {
            connection.Open();
            PostgresSchema.Migrate(connection, location.Display);
            return new PostgresRunStore(connection, location, options ?? new StoreOptions());
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or SocketException)
        {
            connection.Dispose();
            throw new BadInputException($"run store {location.Display}: {Problem(e, location)}");
        }
        catch (IOException e)
        {
            // Npgsql reads the passfile named by PGPASSFILE and fails when it is missing.
            connection.Dispose();
            throw new BadInputException($"run store {location.Display}: cannot read the password file ({e.Message}); check PGPASSFILE");
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    // Built from the SQLSTATE and the socket error only: server and driver texts are not echoed, so nothing
    // from the connection string can leak into a message.
    private static string Problem(Exception e, PostgresLocation location)
    {
        string who = location.User is null ? "the default user" : $"user '{location.User}'";
        return e switch
        {
            PostgresException { SqlState: "28P01" or "28000" } =>
                $"the server at {location.HostAndPort} refused {who} (wrong or missing password: set PGPASSWORD or ~/.pgpass)",
            PostgresException { SqlState: "3D000" } => $"database '{location.Database}' does not exist at {location.HostAndPort}",
            PostgresException p => $"the server at {location.HostAndPort} said {p.SqlState}: {p.MessageText}",
            NpgsqlException { InnerException: SocketException s } => $"cannot connect to {location.HostAndPort} ({s.SocketErrorCode})",
            SocketException s => $"cannot connect to {location.HostAndPort} ({s.SocketErrorCode})",
            NpgsqlException { InnerException: TimeoutException } or TimeoutException =>
                $"cannot connect to {location.HostAndPort} (timed out)",
            _ when e.Message.Contains("password", StringComparison.OrdinalIgnoreCase) =>
                $"the server at {location.HostAndPort} wants a password for {who}: set PGPASSWORD or ~/.pgpass",
            _ => $"cannot connect to {location.HostAndPort} ({e.GetType().Name})",
        };
    }

    public void EnsureStudy(string study, string specJson)
    {
        using var command = Command("INSERT INTO studies (name, spec_json) VALUES (@study, @spec) ON CONFLICT (name) DO NOTHING");
        command.Parameters.AddWithValue("study", study);
        command.Parameters.AddWithValue("spec", specJson);
        command.ExecuteNonQuery();
    }

    public int Enqueue(string study, IEnumerable<(string Key, string ConfigJson)> trials)
    {
        using var transaction = _connection.BeginTransaction();
        using (var exists = Command("SELECT 1 FROM studies WHERE name = @study", transaction))
        {
            exists.Parameters.AddWithValue("study", study);
            if (exists.ExecuteScalar() is null)
                throw new InvalidOperationException($"study '{study}' is not in run store {Location}; call EnsureStudy first");
        }
        using var insert = Command(
            $"INSERT INTO trials (study, key, config_json, status) VALUES (@study, @key, @config, '{Queued}') ON CONFLICT (study, key) DO NOTHING",
            transaction);
        insert.Parameters.AddWithValue("study", study);
        var key = insert.Parameters.Add("key", NpgsqlDbType.Text);
        var config = insert.Parameters.Add("config", NpgsqlDbType.Text);
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
        using var transaction = _connection.BeginTransaction();
        ExpireLeases(study, transaction);
        using var claim = Command(
            $"""
            WITH next AS (
                SELECT id FROM trials
                WHERE (@study::text IS NULL OR study = @study) AND status = '{Queued}'
                ORDER BY id LIMIT 1
                FOR UPDATE SKIP LOCKED)
            UPDATE trials t
            SET status = '{Running}', worker = @worker, started_at = now(), heartbeat_at = now(),
                lease_until = now() + @lease, attempts = t.attempts + 1, error = NULL
            FROM next WHERE t.id = next.id
            RETURNING {Prefixed("t")}
            """,
            transaction);
        claim.Parameters.Add(new NpgsqlParameter("study", NpgsqlDbType.Text) { Value = (object?)study ?? DBNull.Value });
        claim.Parameters.AddWithValue("worker", worker);
        claim.Parameters.AddWithValue("lease", Options.Lease);
        StoredTrial? claimed;
        using (var reader = claim.ExecuteReader())
            claimed = reader.Read() ? ReadTrial(reader) : null;
        transaction.Commit();
        return claimed;
    }

    public bool Heartbeat(long trialId, string worker)
    {
        using var command = Command(
            $"UPDATE trials SET heartbeat_at = now(), lease_until = now() + @lease WHERE id = @id AND worker = @worker AND status = '{Running}'");
        command.Parameters.AddWithValue("lease", Options.Lease);
        command.Parameters.AddWithValue("id", trialId);
        command.Parameters.AddWithValue("worker", worker);
        return command.ExecuteNonQuery() == 1;
    }

    public void Complete(long trialId, TrialStatus status, string? resultJson, string? error)
    {
        if (!status.IsFinal())
            throw new ArgumentOutOfRangeException(nameof(status), status, "a trial completes as Done, Diverged or Failed");
        // The results row is the completion: its primary key lets only the first one in, and the trial's
        // status follows it in the same statement, so both or neither change.
        using var command = Command(
            $"""
            WITH running AS (
                SELECT id, worker FROM trials WHERE id = @id AND status = '{Running}' FOR UPDATE),
            recorded AS (
                INSERT INTO results (trial_id, status, result_json, error, worker)
                SELECT id, @status, @result, @error, worker FROM running
                ON CONFLICT (trial_id) DO NOTHING
                RETURNING trial_id)
            UPDATE trials SET status = @status, result_json = @result, error = @error, finished_at = now(), lease_until = NULL
            WHERE id IN (SELECT trial_id FROM recorded)
            """);
        command.Parameters.AddWithValue("id", trialId);
        command.Parameters.AddWithValue("status", status.ToText());
        command.Parameters.Add(new NpgsqlParameter("result", NpgsqlDbType.Text) { Value = (object?)resultJson ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("error", NpgsqlDbType.Text) { Value = (object?)error ?? DBNull.Value });
        command.ExecuteNonQuery();
    }

    public bool Release(long trialId, string worker)
    {
        using var command = Command(
            $"""
            UPDATE trials SET status = '{Queued}', worker = NULL, started_at = NULL, heartbeat_at = NULL, lease_until = NULL,
                attempts = GREATEST(attempts - 1, 0)
            WHERE id = @id AND worker = @worker AND status = '{Running}'
            """);
        command.Parameters.AddWithValue("id", trialId);
        command.Parameters.AddWithValue("worker", worker);
        return command.ExecuteNonQuery() == 1;
    }

    public bool Abandon(long trialId, string worker)
    {
        using var command = Command(
            $"UPDATE trials SET lease_until = 'epoch' WHERE id = @id AND worker = @worker AND status = '{Running}'");
        command.Parameters.AddWithValue("id", trialId);
        command.Parameters.AddWithValue("worker", worker);
        return command.ExecuteNonQuery() == 1;
    }

    public int RetryFailed(string study)
    {
        // The failed completion's results row goes too, or the retry's own completion would be taken for a second one.
        using var command = Command(
            $"""
            WITH retried AS (
                UPDATE trials SET status = '{Queued}', worker = NULL, started_at = NULL, finished_at = NULL, heartbeat_at = NULL, lease_until = NULL
                WHERE study = @study AND status = '{Failed}' AND attempts < @max
                RETURNING id),
            cleared AS (
                DELETE FROM results WHERE trial_id IN (SELECT id FROM retried))
            SELECT count(*) FROM retried
            """);
        command.Parameters.AddWithValue("study", study);
        command.Parameters.AddWithValue("max", Options.MaxAttempts);
        return Convert.ToInt32(command.ExecuteScalar());
    }

    public int ExpireLeases(string? study)
    {
        using var transaction = _connection.BeginTransaction();
        int expired = ExpireLeases(study, transaction);
        transaction.Commit();
        return expired;
    }

    // SKIP LOCKED: a row another claimer is expiring right now is its business, so no claim waits on another.
    private int ExpireLeases(string? study, NpgsqlTransaction transaction)
    {
        using var command = Command(
            $"""
            UPDATE trials SET
                status = CASE WHEN attempts >= @max THEN '{Failed}' ELSE '{Queued}' END,
                error = CASE WHEN attempts >= @max
                    THEN 'gave up after ' || attempts || ' attempts; last: the lease of ' || COALESCE(worker, '?') || ' expired'
                    ELSE 'attempt ' || attempts || ': the lease of ' || COALESCE(worker, '?') || ' expired' END,
                finished_at = CASE WHEN attempts >= @max THEN now() ELSE NULL END,
                worker = CASE WHEN attempts >= @max THEN worker ELSE NULL END,
                started_at = CASE WHEN attempts >= @max THEN started_at ELSE NULL END,
                lease_until = NULL
            WHERE id IN (
                SELECT id FROM trials
                WHERE status = '{Running}' AND (@study::text IS NULL OR study = @study)
                  AND (lease_until IS NULL OR lease_until < now())
                FOR UPDATE SKIP LOCKED)
            """,
            transaction);
        command.Parameters.AddWithValue("max", Options.MaxAttempts);
        command.Parameters.Add(new NpgsqlParameter("study", NpgsqlDbType.Text) { Value = (object?)study ?? DBNull.Value });
        return command.ExecuteNonQuery();
    }

    /// <summary>
    /// Stores the points in one statement (arrays unnested server-side: one round trip, not one per point);
    /// a step recorded again (a resumed trial) replaces the old value.
    /// </summary>
    public void AppendSeries(long trialId, string name, IEnumerable<(int Step, double Value)> points)
    {
        // One row per step: ON CONFLICT DO UPDATE may not touch a row twice in one statement; the last value wins.
        var byStep = new SortedDictionary<int, double>();
        foreach (var point in points) byStep[point.Step] = point.Value;
        if (byStep.Count == 0) return;
        using var insert = Command(
            """
            INSERT INTO series (trial_id, name, step, value)
            SELECT @trial, @name, p.step, p.value FROM unnest(@steps, @values) AS p(step, value)
            ON CONFLICT (trial_id, name, step) DO UPDATE SET value = excluded.value
            """);
        insert.Parameters.AddWithValue("trial", trialId);
        insert.Parameters.AddWithValue("name", name);
        insert.Parameters.AddWithValue("steps", byStep.Keys.ToArray());
        insert.Parameters.AddWithValue("values", byStep.Values.ToArray());
        insert.ExecuteNonQuery();
    }

    public IReadOnlyList<(int Step, double Value)> Series(long trialId, string name)
    {
        using var command = Command("SELECT step, value FROM series WHERE trial_id = @trial AND name = @name ORDER BY step");
        command.Parameters.AddWithValue("trial", trialId);
        command.Parameters.AddWithValue("name", name);
        var points = new List<(int, double)>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
            points.Add((reader.GetInt32(0), reader.IsDBNull(1) ? double.NaN : reader.GetDouble(1)));
        return points;
    }

    public IReadOnlyList<StoredTrial> Trials(string study)
    {
        using var command = Command($"SELECT {TrialColumns} FROM trials WHERE study = @study ORDER BY id");
        command.Parameters.AddWithValue("study", study);
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
        using var command = Command("SELECT spec_json FROM studies WHERE name = @study");
        command.Parameters.AddWithValue("study", study);
        return command.ExecuteScalar() as string;
    }

    public void Dispose() => _connection.Dispose();

    private static string Prefixed(string alias) => string.Join(", ", TrialColumns.Split(", ").Select(c => $"{alias}.{c}"));

    private NpgsqlCommand Command(string sql, NpgsqlTransaction? transaction = null) => new(sql, _connection, transaction);

    private StoredTrial ReadTrial(NpgsqlDataReader reader)
    {
        long id = reader.GetInt64(0);
        string statusText = reader.GetString(4);
        if (!TrialStatusText.TryParse(statusText, out var status))
            throw new BadInputException($"run store {Location}: trial {id} has status '{statusText}', which this Frugal does not know");
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

    private static DateTimeOffset? Time(NpgsqlDataReader reader, int column)
    {
        if (reader.IsDBNull(column)) return null;
        return new DateTimeOffset(DateTime.SpecifyKind(reader.GetFieldValue<DateTime>(column), DateTimeKind.Utc));
    }
}
