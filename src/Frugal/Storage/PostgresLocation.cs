using Npgsql;

namespace Frugal.Storage;

/// <summary>
/// A PostgreSQL store URL, <c>postgresql://user@host:port/db</c> (or postgres://). A password is best left to
/// PGPASSWORD or ~/.pgpass, which Npgsql reads itself; one written in the URL is accepted but never shown:
/// <see cref="Display"/> and every message use the URL without it.
/// </summary>
public sealed class PostgresLocation
{
    public const int DefaultPort = 5432;

    private static readonly string[] Schemes = ["postgresql://", "postgres://"];

    private readonly string? _password;

    private PostgresLocation(string host, int port, string? user, string database, string? password)
    {
        Host = host;
        Port = port;
        User = user;
        Database = database;
        _password = password;
    }

    public string Host { get; }
    public int Port { get; }
    public string? User { get; }
    public string Database { get; }

    /// <summary>The URL without a password, for messages and logs.</summary>
    public string Display => $"postgresql://{(User is null ? "" : Uri.EscapeDataString(User) + "@")}{HostAndPort}/{Uri.EscapeDataString(Database)}";

    public string HostAndPort => $"{(Host.Contains(':') ? $"[{Host}]" : Host)}:{Port}";

    public static bool IsPostgresUrl(string location) =>
        Schemes.Any(s => location.StartsWith(s, StringComparison.OrdinalIgnoreCase));

    /// <summary>Parses the URL; a malformed one is a <see cref="BadInputException"/> whose message never holds the password.</summary>
    public static PostgresLocation Parse(string url)
    {
        string scheme = Schemes.First(s => url.StartsWith(s, StringComparison.OrdinalIgnoreCase));
        string rest = url[scheme.Length..];
        string? user = null, password = null;
        int at = rest.LastIndexOf('@');
        if (at >= 0)
        {
            string userInfo = rest[..at];
            rest = rest[(at + 1)..];
            int colon = userInfo.IndexOf(':');
            user = Uri.UnescapeDataString(colon < 0 ? userInfo : userInfo[..colon]);
            password = colon < 0 ? null : Uri.UnescapeDataString(userInfo[(colon + 1)..]);
        }
        string shown = $"postgresql://{(user is null ? "" : user + "@")}{rest}";
        int query = rest.IndexOf('?');
        if (query >= 0)
            throw Bad(shown, "has query parameters; expected postgresql://user@host:port/db (password from PGPASSWORD or ~/.pgpass)");
        int slash = rest.IndexOf('/');
        string hostPort = slash < 0 ? rest : rest[..slash];
        string database = slash < 0 ? "" : Uri.UnescapeDataString(rest[(slash + 1)..]);
        if (database.Length == 0 || database.Contains('/'))
            throw Bad(shown, "names no database; expected postgresql://user@host:port/db");

        string host = hostPort;
        int port = DefaultPort;
        int portColon = hostPort.LastIndexOf(':');
        if (portColon >= 0 && !hostPort.EndsWith(']'))
        {
            host = hostPort[..portColon];
            if (!int.TryParse(hostPort[(portColon + 1)..], out port) || port is < 1 or > 65535)
                throw Bad(shown, $"port '{hostPort[(portColon + 1)..]}' is not a number from 1 to 65535");
        }
        host = host.Trim('[', ']');
        if (host.Length == 0)
            throw Bad(shown, "names no host; expected postgresql://user@host:port/db");
        if (user is { Length: 0 }) user = null;
        return new PostgresLocation(host, port, user, database, password);
    }

    /// <summary>
    /// The Npgsql connection string. Without a password in the URL, Npgsql takes it from PGPASSWORD, else from
    /// the passfile (PGPASSFILE, else ~/.pgpass), as libpq does.
    /// </summary>
    internal string ConnectionString(string applicationName)
    {
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = Host,
            Port = Port,
            Database = Database,
            ApplicationName = applicationName,
            Timeout = 10,
            // One connection per worker, held for its life; a pool would only add idle connections.
            Pooling = false,
        };
        if (User is not null) builder.Username = User;
        if (_password is not null) builder.Password = _password;
        return builder.ConnectionString;
    }

    public override string ToString() => Display;

    private static BadInputException Bad(string shown, string problem) => new($"--store {shown}: {problem}");
}
