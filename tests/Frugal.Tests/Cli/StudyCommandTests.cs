namespace Frugal.Tests.Cli;

public class StudyCommandTests
{
    [Theory]
    [InlineData("--preset: unknown preset 'huge'", "study", "rex", "--preset", "huge")]
    [InlineData("--workers must be between 1 and 64", "study", "rex", "--workers", "0")]
    [InlineData("--store PATH|URL is required", "worker", "--study", "rex-smoke")]
    [InlineData("--lease must be at least 0.3 s", "worker", "--store", "x.db", "--lease", "0.1")]
    [InlineData("--store PATH|URL is required", "study", "status")]
    [InlineData("no such store", "study", "status", "--store", "/nonexistent/frugal.db")]
    [InlineData("--study NAME is required", "study", "report", "--store", "x.db", "--out", "o")]
    [InlineData("--store postgresql://u@127.0.0.1:99999/db: port '99999'", "worker", "--store", "postgresql://u:pw@127.0.0.1:99999/db")]
    [InlineData("names no database", "study", "status", "--store", "postgres://u@127.0.0.1:5432")]
    [InlineData("no such store", "worker", "--store", "/nonexistent/frugal.db", "--study", "rex-smoke")]
    public void Bad_input_is_one_line_and_exit_code_2(string expected, params string[] args)
    {
        var run = CliRun.Of(args);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(expected, Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
    }
}
