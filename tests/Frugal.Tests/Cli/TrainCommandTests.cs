using System.Text.Json;
using Frugal.Tests.Data;
using Frugal.Tests.Models;
using Frugal.Tests.Training;

namespace Frugal.Tests.Cli;

[Collection(TorchGlobalState.Name)]
public class TrainCommandTests
{
    private static readonly string[] Good = ["train", "--model", "mlp", "--optimizer", "sgdm", "--lr", "0.05", "--schedule", "rex", "--budget", "0.5", "--full-epochs", "2", "--batch-size", "16"];

    [Theory]
    [InlineData("--budget must be a fraction in (0, 1]", "--budget", "1.5")]
    [InlineData("--budget must be a fraction in (0, 1]", "--budget", "0")]
    [InlineData("--lr must be a positive number", "--lr", "0")]
    [InlineData("--lr must be a positive number", "--lr", "-0.1")]
    [InlineData("--model: unknown model 'transformer'", "--model", "transformer")]
    [InlineData("--model gpt: `frugal train` trains the image models; pretrain a GPT with `frugal lm pretrain`", "--model", "gpt")]
    [InlineData("--optimizer: unknown optimizer 'lion'", "--optimizer", "lion")]
    [InlineData("--schedule: unknown profile 'warm'", "--schedule", "warm")]
    [InlineData("--resume needs --checkpoint DIR", "--resume")]
    public void Bad_options_are_one_line_and_exit_code_2(string expected, params string[] change)
    {
        var args = Good.ToList();
        var at = args.IndexOf(change[0]);
        if (at >= 0) args[at + 1] = change[1];
        else args.AddRange(change);
        var run = CliRun.Of([.. args]);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(expected, Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
    }

    [Fact]
    public void Missing_data_names_the_package_and_the_option()
    {
        var run = CliRun.Of([.. Good, "--data", "fashion-mnist:/nonexistent/frugal"]);
        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("/nonexistent/frugal/train-images-idx3-ubyte", line);
        Assert.Contains("dataset-fashion-mnist", line);
        Assert.Contains("--data", line);
    }

    [Fact]
    public void A_corrupt_idx_file_is_named_with_exit_code_2()
    {
        using var files = new IdxFiles();
        TinyImages.WriteDirectory(files, 100, 20);
        File.WriteAllBytes(Path.Combine(files.Directory, "t10k-labels-idx1-ubyte"), IdxFiles.Header(0x801, 20));   // header only
        var run = CliRun.Of([.. Good, "--data", $"mnist:{files.Directory}"]);
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"frugal: {Path.Combine(files.Directory, "t10k-labels-idx1-ubyte")}", run.Error);
    }

    [Fact]
    public void Json_ends_stdout_with_the_final_metrics()
    {
        using var files = new IdxFiles();
        TinyImages.WriteDirectory(files, 200, 50);
        var run = CliRun.Of([.. Good, "--data", $"mnist:{files.Directory}", "--json"]);
        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.OutLines[^1]);
        var root = json.RootElement;
        Assert.Equal(12, root.GetProperty("steps").GetInt32());   // ceil(0.5 x 2 x ceil(180 / 16))
        Assert.Equal(1.0, root.GetProperty("epochs").GetDouble(), 12);
        Assert.InRange(root.GetProperty("test_error").GetDouble(), 0, 100);
        Assert.True(root.GetProperty("test_loss").GetDouble() > 0);
        Assert.True(root.GetProperty("seconds").GetDouble() >= 0);
    }

    [Fact]
    public void Store_records_the_run_with_its_result_and_series()
    {
        using var files = new IdxFiles();
        TinyImages.WriteDirectory(files, 200, 50);
        var storePath = Path.Combine(files.Directory, "runs.db");
        Assert.Equal(0, CliRun.Of([.. Good, "--data", $"mnist:{files.Directory}", "--store", storePath]).ExitCode);
        using var store = Frugal.Storage.SqliteRunStore.Open(storePath);
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={storePath}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "select study from trials";
        var study = (string)command.ExecuteScalar()!;
        var trial = Assert.Single(store.Trials(study));
        Assert.Equal(Frugal.Studies.TrialStatus.Done, trial.Status);
        Assert.Contains("\"test_error\"", trial.ResultJson);
        Assert.Single(store.Series(trial.Id, "val_loss"));
    }

    [Fact]
    public void A_diverging_run_exits_1_and_says_where()
    {
        using var files = new IdxFiles();
        TinyImages.WriteDirectory(files, 200, 50);
        var args = Good.ToList();
        args[args.IndexOf("--lr") + 1] = "1e30";
        var run = CliRun.Of([.. args, "--data", $"mnist:{files.Directory}", "--json"]);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("diverged", run.OutLines[^1]);
        Assert.Contains("frugal: the run diverged", run.Error);
    }
}
