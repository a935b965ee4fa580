using System.Text.Json;
using Frugal.Tests.Cli;
using Frugal.Tests.Data;
using Frugal.Training;

namespace Frugal.Tests.Training;

public class ResumeAfterKillTests
{
    [Fact]
    public void A_run_killed_with_sigkill_resumes_to_the_numbers_of_an_uninterrupted_run()
    {
        using var files = new IdxFiles();
        TinyImages.WriteDirectory(files, trainCount: 400, testCount: 100);
        var checkpoint = Path.Combine(files.Directory, "ckpt");
        string[] run = ["train", "--data", $"mnist:{files.Directory}", "--model", "mlp", "--optimizer", "adam", "--lr", "0.003",
            "--schedule", "rex", "--budget", "1", "--full-epochs", "300", "--batch-size", "16", "--threads", "1", "--json"];

        CliProcess.KillOnceWritten(Checkpoint.PathIn(checkpoint), [.. run, "--checkpoint", checkpoint, "--checkpoint-every", "50"]);

        var resumed = CliProcess.Run([.. run, "--checkpoint", checkpoint, "--resume"]);
        var uninterrupted = CliProcess.Run(run);
        Assert.Equal(0, uninterrupted.ExitCode);
        Assert.Equal(0, resumed.ExitCode);
        var expected = Numbers(uninterrupted.Out);
        var actual = Numbers(resumed.Out);
        Assert.Equal(expected.Steps, actual.Steps);
        Assert.Equal(expected.TestLoss, actual.TestLoss);
        Assert.Equal(expected.TestError, actual.TestError);
    }

    private static (int Steps, double TestLoss, double TestError) Numbers(string stdout)
    {
        using var json = JsonDocument.Parse(stdout.Trim().Split('\n')[^1]);
        var root = json.RootElement;
        return (root.GetProperty("steps").GetInt32(), root.GetProperty("test_loss").GetDouble(), root.GetProperty("test_error").GetDouble());
    }
}
