using System.Globalization;
using Frugal.Schedules;
using Frugal.Training;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Frugal.Cli.Commands;

/// <summary>`frugal lm pretrain`: a GPT trained from scratch on a corpus under a step budget; exit 1 when it diverges.</summary>
public sealed class LmPretrainCommand(IAnsiConsole console, ErrorOutput error) : Command<LmPretrainSettings>
{
    public override int Execute(CommandContext context, LmPretrainSettings settings, CancellationToken cancellationToken)
    {
        var config = settings.ToConfig([]);
        var outDirectory = settings.Out!;
        LmOutputDirectory.Check(outDirectory, settings.Overwrite, settings.Resume);
        var plan = Pretrainer.Prepare(config);
        LmOutput.SetThreads(settings.Threads);

        var training = plan.Training;
        var label = $"pretrain {config.Preset.Name()}";
        error.Writer.WriteLine($"{label}: {plan.Model.ParameterCount():N0} parameters, {plan.Tokenizer.Kind} tokenizer of {plan.Tokenizer.VocabSize} ids, {plan.Data.Train.Count} training and " +
            $"{plan.Data.Validation.Count} validation sequences of {plan.Model.ContextLength} tokens " +
            $"({plan.Data.TrainDocuments} + {plan.Data.ValidationDocuments} documents), {training.TotalSteps} steps of {training.BatchSize}, " +
            $"{config.Schedule.Name()} at lr {config.Lr.ToString(CultureInfo.InvariantCulture)}");
        var result = Pretrainer.Run(plan, outDirectory, settings.Resume, LmOutput.LogLines(error.Writer, label, training.TotalSteps), cancellationToken);
        var run = result.Run;

        if (settings.Json)
        {
            LmOutput.WriteJson(console, run, new Dictionary<string, object?>
            {
                ["val_loss"] = result.ValidationLoss,
                ["val_perplexity"] = result.ValidationPerplexity,
                ["parameters"] = plan.Model.ParameterCount(),
            });
        }
        else if (!run.IsDiverged)
        {
            console.WriteLine($"{run.Status}: validation loss {F(result.ValidationLoss)}, perplexity {F(result.ValidationPerplexity)}, " +
                $"{run.Steps} steps in {run.Seconds:0.0} s, {run.TrainTokensPerSecond:0} train tokens/s; model in {outDirectory}");
        }
        return LmOutput.ExitCode(error, run);
    }

    private static string F(double? value) => value is { } v ? v.ToString("0.####", CultureInfo.InvariantCulture) : "-";
}
