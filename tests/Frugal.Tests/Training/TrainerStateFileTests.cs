using Frugal.Tests.Text;
using Frugal.Training;

namespace Frugal.Tests.Training;

public class TrainerStateFileTests
{
    private static HfTrainerState State(int? saveSteps) => new(
        GlobalStep: 6, MaxSteps: 8, Epoch: 1.5, NumTrainEpochs: 2, LoggingSteps: 3, EvalSteps: 0, SaveSteps: saveSteps, TrainBatchSize: 4,
        LogHistory:
        [
            TrainerStateFile.LogEntry(3, 0.75, new Dictionary<string, double> { ["loss"] = 2.5, ["grad_norm"] = 0.125 }),
            TrainerStateFile.LogEntry(6, 1.5, new Dictionary<string, double> { ["loss"] = double.NaN }),
        ]);

    [Fact]
    public void Writes_Hugging_Faces_fields_then_the_extras_and_reads_them_back()
    {
        using var files = new TextFiles();
        var directory = Path.Combine(files.Root, "run");
        TrainerStateFile.Write(directory, State(saveSteps: 2), new Dictionary<string, System.Text.Json.Nodes.JsonNode?> { ["status"] = "diverged" });

        Assert.Equal([TrainerStateFile.PathIn(directory)], Directory.GetFiles(directory));
        var json = TrainerStateFile.Read(directory);
        Assert.Equal(["global_step", "max_steps", "epoch", "num_train_epochs", "logging_steps", "eval_steps", "save_steps", "train_batch_size", "status", "log_history"],
            json.Select(p => p.Key));
        Assert.Equal(6, (int)json["global_step"]!);
        Assert.Equal(1.5, (double)json["epoch"]!);
        Assert.Equal("diverged", (string?)json["status"]);
        var history = json["log_history"]!.AsArray();
        Assert.Equal(["step", "epoch", "loss", "grad_norm"], history[0]!.AsObject().Select(p => p.Key));
        Assert.Equal(0.125, (double)history[0]!["grad_norm"]!);
        // JSON has no NaN: a diverged loss is the string FrugalJson reads back as NaN.
        Assert.Equal("NaN", (string?)history[1]!["loss"]);
    }

    [Fact]
    public void A_trainer_without_checkpoints_has_no_save_steps_and_a_rewrite_replaces_the_file()
    {
        using var files = new TextFiles();
        TrainerStateFile.Write(files.Root, State(saveSteps: 2) with { GlobalStep = 3 });
        TrainerStateFile.Write(files.Root, State(saveSteps: null));
        var json = TrainerStateFile.Read(files.Root);
        Assert.False(json.ContainsKey("save_steps"));
        Assert.Equal(6, (int)json["global_step"]!);
        Assert.Single(Directory.GetFiles(files.Root));
    }

    [Fact]
    public void A_missing_or_broken_file_is_bad_input_naming_it()
    {
        using var files = new TextFiles();
        Assert.Contains(TrainerStateFile.FileName, Assert.Throws<BadInputException>(() => TrainerStateFile.Read(files.Root)).Message);
        File.WriteAllText(TrainerStateFile.PathIn(files.Root), "{ not json");
        Assert.Contains("not valid JSON", Assert.Throws<BadInputException>(() => TrainerStateFile.Read(files.Root)).Message);
    }
}
