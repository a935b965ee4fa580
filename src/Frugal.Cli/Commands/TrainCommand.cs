using System.Globalization;
using System.Text.Json;
using Frugal.Data;
using Frugal.Schedules;
using Frugal.Storage;
using Frugal.Studies;
using Frugal.Training;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Frugal.Cli.Commands;

/// <summary>`frugal train`: one budgeted training run on real data; exit 1 when it diverges.</summary>
public sealed class TrainCommand(IAnsiConsole console, ErrorOutput error) : Command<TrainSettings>
{
    public override int Execute(CommandContext context, TrainSettings settings, CancellationToken cancellationToken)
    {
        var config = settings.ToConfig([]);
        var (train, test) = DataSource.Parse(config.Data).Load();
        var data = DataSplit.Create(train, test, config.ValidationFraction);
        var options = new RunOptions
        {
            CheckpointDirectory = settings.Checkpoint,
            Resume = settings.Resume,
            Cancellation = cancellationToken,
            Threads = settings.Threads ?? 0,
            CheckpointEvery = settings.CheckpointEvery ?? new RunOptions().CheckpointEvery,
            Progress = new ProgressLine(error.Writer, $"{config.Model.Name()} {config.Optimizer.Name()} {config.Schedule.Name()} budget {config.Budget}"),
        };
        var record = settings.Store is { } path ? StoredRun.Start(path, config) : null;
        var result = BudgetedTrainer.Run(config, data, options);
        record?.Finish(result);

        if (!settings.Json) WriteSummary(result);
        else
        {
            var output = console.Profile.Out.Writer;
            output.WriteLine(JsonSerializer.Serialize(new
            {
                test_error = result.TestError,
                test_loss = result.TestLoss,
                epochs = result.Epochs,
                steps = result.Steps,
                seconds = Math.Round(result.Seconds, 3),
                status = result.Status,
                samples_per_second = Math.Round(result.SamplesPerSecond, 1),
                diverged_at_step = result.DivergedAtStep,
            }));
            output.Flush();
        }
        if (!result.IsDiverged) return FrugalApp.Success;
        error.Writer.WriteLine($"frugal: the run diverged (non-finite loss) at step {result.DivergedAtStep}: try a lower --lr");
        return FrugalApp.RunFailed;
    }

    private void WriteSummary(TrainResult result)
    {
        var table = new Table().AddColumns("epoch", "step", "train loss", "val loss", "val error %", "lr");
        foreach (var e in result.History)
        {
            table.AddRow(e.Epoch.ToString(CultureInfo.InvariantCulture), e.Step.ToString(CultureInfo.InvariantCulture),
                F(e.TrainLoss), F(e.ValLoss), e.ValError is { } v ? F(v) : "-", e.Lr.ToString("G4", CultureInfo.InvariantCulture));
        }
        console.Write(table);
        var error = result.TestError is { } te ? $"test error {F(te)}%, " : "";
        console.WriteLine($"{result.Status}: {error}test loss {(result.TestLoss is { } tl ? F(tl) : "-")}, " +
            $"{result.Steps} steps ({F(result.Epochs)} epochs) in {result.Seconds:0.0} s, {result.SamplesPerSecond:0} samples/s");
    }

    private static string F(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}

/// <summary>A single `frugal train` run kept in a run store as a study of one trial, named by its start time.</summary>
internal sealed class StoredRun(string path, long trialId)
{
    // A train run writes no heartbeats: its lease spans any run, so no worker takes its trial meanwhile.
    private static readonly StoreOptions HeldForTheRun = new() { Lease = TimeSpan.FromDays(365) };

    public static StoredRun Start(string path, TrainConfig config)
    {
        using var store = RunStores.Open(path, HeldForTheRun);
        var study = $"train-{DateTime.UtcNow:yyyyMMdd'T'HHmmss.fff}-{Environment.ProcessId}";
        store.EnsureStudy(study, "{}");
        store.Enqueue(study, [("run", JsonSerializer.Serialize(config, FrugalJson.Options))]);
        return new StoredRun(path, store.ClaimNext(study, WorkerName.ThisProcess)!.Id);
    }

    public void Finish(TrainResult result)
    {
        using var store = RunStores.Open(path, HeldForTheRun);
        StudyWorker.Record(store, trialId, result);
    }
}
