using System.Text.Json;
using Frugal.Tests.Cli;
using Frugal.Training;

namespace Frugal.Tests.Training;

public class PretrainResumeAfterKillTests
{
    [Fact]
    public void A_pretraining_run_killed_with_sigkill_resumes_to_the_numbers_of_an_uninterrupted_run()
    {
        using var files = new LmFiles();
        var corpus = files.Corpus(400);
        string[] Run(string output) => ["lm", "pretrain", "--corpus", corpus, "--out", output, "--preset", "tiny", "--context", "32",
            "--batch-size", "8", "--full-steps", "200", "--eval-every", "50", "--threads", "1", "--json"];
        var victimOut = files.PathOf("killed");

        CliProcess.KillOnceWritten(CausalLmCheckpoint.PathIn(victimOut), [.. Run(victimOut), "--checkpoint-every", "20"]);
        Assert.False(File.Exists(Path.Combine(victimOut, "model.safetensors")), "killed before the end, so no final model yet");

        var resumed = CliProcess.Run([.. Run(victimOut), "--checkpoint-every", "20", "--resume"]);
        var uninterrupted = CliProcess.Run([.. Run(files.PathOf("whole")), "--checkpoint-every", "20"]);
        Assert.Equal(0, uninterrupted.ExitCode);
        Assert.Equal(0, resumed.ExitCode);
        var (expected, actual) = (Numbers(uninterrupted.Out), Numbers(resumed.Out));
        Assert.Equal(expected, actual);
        Assert.Equal(LogHistory(files.PathOf("whole")), LogHistory(victimOut));
    }

    private static (int Steps, double ValLoss, double Loss, long Tokens) Numbers(string stdout)
    {
        using var json = JsonDocument.Parse(stdout.Trim().Split('\n')[^1]);
        var root = json.RootElement;
        return (root.GetProperty("steps").GetInt32(), root.GetProperty("val_loss").GetDouble(), root.GetProperty("loss").GetDouble(), root.GetProperty("num_tokens").GetInt64());
    }

    private static string LogHistory(string directory) => TrainerStateFile.Read(directory)["log_history"]!.ToJsonString();
}
