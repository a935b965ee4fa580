using Frugal.Storage;

namespace Frugal.Tests.Storage;

public class PostgresLocationTests
{
    [Theory]
    [InlineData("postgresql://frugal@db.example:6543/runs", "db.example", 6543, "frugal", "runs")]
    [InlineData("postgres://frugal@db.example/runs", "db.example", 5432, "frugal", "runs")]
    [InlineData("postgresql://db.example:5433/runs", "db.example", 5433, null, "runs")]
    [InlineData("postgresql://me@[::1]:5434/my%20runs", "::1", 5434, "me", "my runs")]
    public void Parses_host_port_user_and_database(string url, string host, int port, string? user, string database)
    {
        var location = PostgresLocation.Parse(url);

        Assert.Equal((host, port, user, database), (location.Host, location.Port, location.User, location.Database));
        Assert.True(RunStores.IsUrl(url));
    }

    [Fact]
    public void A_password_in_the_url_is_used_but_never_shown()
    {
        var location = PostgresLocation.Parse("postgresql://frugal:s%3Acret-42@127.0.0.1:5432/runs");

        Assert.Equal("postgresql://frugal@127.0.0.1:5432/runs", location.Display);
        Assert.Equal(location.Display, location.ToString());
        Assert.Equal(location.Display, RunStores.Describe("postgresql://frugal:s%3Acret-42@127.0.0.1:5432/runs"));
        Assert.DoesNotContain("cret", location.Display);
    }

    [Theory]
    [InlineData("postgresql://u:secret-pw@h:0/db", "port '0'")]
    [InlineData("postgresql://u:secret-pw@h:5432", "names no database")]
    [InlineData("postgresql://u:secret-pw@:5432/db", "names no host")]
    [InlineData("postgresql://u:secret-pw@h:5432/db?sslmode=require", "has query parameters")]
    public void A_malformed_url_is_bad_input_that_never_shows_the_password(string url, string expected)
    {
        var e = Assert.Throws<BadInputException>(() => PostgresLocation.Parse(url));

        Assert.Contains(expected, e.Message);
        Assert.DoesNotContain("secret-pw", e.Message);
    }

    [Theory]
    [InlineData("study.db")]
    [InlineData("/data/postgresql/study.db")]
    [InlineData("postgresql.db")]
    public void Paths_are_not_urls(string path) => Assert.False(RunStores.IsUrl(path));
}
