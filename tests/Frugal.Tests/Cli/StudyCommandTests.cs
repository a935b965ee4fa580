namespace Frugal.Tests.Cli;

public class StudyCommandTests
{
    [Theory]
    [InlineData("--preset: unknown preset 'huge'", "study", "rex", "--preset", "huge")]
    [InlineData("--workers must be between 1 and 64", "study", "rex", "--workers", "0")]
    [InlineData("--store PATH is required", "worker", "--study", "rex-smoke")]
    [InlineData("--study NAME is required", "worker", "--store", "x.db")]
    [InlineData("no such store", "worker", "--store", "/nonexistent/frugal.db", "--study", "rex-smoke")]
    public void Bad_input_is_one_line_and_exit_code_2(string expected, params string[] args)
    {
        var run = CliRun.Of(args);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(expected, Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
    }
}
