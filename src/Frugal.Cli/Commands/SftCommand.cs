using System.Globalization;
using Frugal.Alignment;
using Frugal.Schedules;
using Frugal.Training;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Frugal.Cli.Commands;

/// <summary>`frugal sft`: supervised fine-tuning of a model directory into a new one; exit 1 when it diverges.</summary>
public sealed class SftCommand(IAnsiConsole console, ErrorOutput error) : Command<SftSettings>
{
    public override int Execute(CommandContext context, SftSettings settings, CancellationToken cancellationToken)
    {
        var config = settings.ToConfig([]);
        var outDirectory = settings.Out!;
        LmOutputDirectory.Check(outDirectory, settings.Overwrite, settings.Resume);
        var plan = SftTrainer.Prepare(config, outDirectory);
        LmOutput.SetThreads(settings.Threads);

        if (plan.Truncated > 0)
            error.Writer.WriteLine($"sft: {plan.Truncated} of {plan.Examples} examples were longer than --max-length {plan.MaxLength} tokens and were truncated (the prompt keeps its end, the completion its start)");
        var training = plan.Training;
        error.Writer.WriteLine($"sft: {plan.Train.Examples} examples in {plan.Train.Sequences.Count} sequences, {training.TotalSteps} steps of {training.BatchSize} " +
            $"({training.StepsPerEpoch} a epoch), loss on {config.LossOn.Name()}, {config.Schedule.Name()} at lr {config.Lr.ToString(CultureInfo.InvariantCulture)}");
        var result = SftTrainer.Run(plan, outDirectory, settings.Resume, LmOutput.LogLines(error.Writer, "sft", training.TotalSteps), cancellationToken);
        var run = result.Run;

        if (settings.Json)
        {
            LmOutput.WriteJson(console, run, new Dictionary<string, object?>
            {
                ["mean_token_accuracy"] = run.LastLog?["mean_token_accuracy"],
                ["learning_rate"] = run.LastLog?["learning_rate"],
                ["grad_norm"] = run.LastLog?["grad_norm"],
                ["eval_loss"] = run.LastEval?["eval_loss"],
                ["eval_mean_token_accuracy"] = run.LastEval?["eval_mean_token_accuracy"],
                ["truncated"] = plan.Truncated,
            });
        }
        else if (!run.IsDiverged)
        {
            var eval = run.LastEval is { } e ? $", eval_loss {LmOutput.Format(e["eval_loss"] ?? double.NaN)}" : "";
            console.WriteLine($"{run.Status}: train_loss {LmOutput.Format(run.TrainLoss)}{eval}, {run.Steps} steps in {run.Seconds:0.0} s, " +
                $"{run.TrainTokensPerSecond:0} train tokens/s; model in {outDirectory}");
        }
        return LmOutput.ExitCode(error, run);
    }
}
