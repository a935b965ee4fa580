namespace Frugal.Tests.Cli;

/// <summary>Spectre renders option descriptions as markup: an unescaped bracket, as in "(0, 1]", breaks --help.</summary>
public class HelpTests
{
    [Theory]
    [InlineData("schedule")]
    [InlineData("train")]
    [InlineData("study", "rex")]
    [InlineData("study", "allocation")]
    [InlineData("study", "status")]
    [InlineData("study", "report")]
    [InlineData("worker")]
    [InlineData("plan")]
    [InlineData("tasks", "make")]
    [InlineData("lm", "corpus")]
    [InlineData("lm", "pretrain")]
    [InlineData("sft")]
    [InlineData("dpo")]
    [InlineData("generate")]
    [InlineData("eval")]
    public void Every_command_prints_its_help(params string[] command)
    {
        var run = CliRun.Of([.. command, "--help"]);
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("OPTIONS:", run.Out);
        Assert.Contains("--", run.Out[run.Out.IndexOf("OPTIONS:", StringComparison.Ordinal)..]);
    }
}
