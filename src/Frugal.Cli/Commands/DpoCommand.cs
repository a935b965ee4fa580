using System.Globalization;
using System.Text.Json.Nodes;
using Frugal.Alignment;
using Frugal.Schedules;
using Spectre.Console;
using Spectre.Console.Cli;
using static TorchSharp.torch;

namespace Frugal.Cli.Commands;

/// <summary>`frugal dpo`: preference-tune a model directory; exit 1 when the loss diverges.</summary>
public sealed class DpoCommand(IAnsiConsole console, ErrorOutput error) : Command<DpoSettings>
{
    public override int Execute(CommandContext context, DpoSettings settings, CancellationToken cancellationToken)
    {
        var config = settings.ToConfig([]);
        if (settings.Threads is > 0) set_num_threads(settings.Threads.Value);
        var spec = new DpoRunSpec(settings.Model!, settings.Data!, settings.Out!, config, settings.Ref, settings.EvalData);
        var progress = new ProgressLine(error.Writer, $"dpo {config.Loss.Loss.Name()} beta {config.Loss.Beta}");
        var outcome = DpoRun.Run(spec, line => error.Writer.WriteLine($"frugal: {line}"), progress, cancellationToken);
        var result = outcome.Result;

        if (!settings.Json) WriteSummary(outcome);
        else
        {
            var line = new JsonObject();
            foreach (var (name, value) in result.Final) line[name] = double.IsFinite(value) ? JsonValue.Create(value) : null;
            line["status"] = result.Status;
            line["steps"] = result.Steps;
            line["seconds"] = Math.Round(result.Seconds, 3);
            var output = console.Profile.Out.Writer;
            output.WriteLine(line.ToJsonString());
            output.Flush();
        }
        if (!result.IsDiverged) return FrugalApp.Success;
        error.Writer.WriteLine($"frugal: the run diverged (non-finite loss) at step {result.DivergedAtStep}: try a lower --lr or --beta; no model was written to {settings.Out}");
        return FrugalApp.RunFailed;
    }

    private void WriteSummary(DpoRun.Outcome outcome)
    {
        var result = outcome.Result;
        var table = new Table().AddColumns("metric", "value");
        foreach (var (name, value) in result.Final) table.AddRow(name, value.ToString("0.####", CultureInfo.InvariantCulture));
        console.Write(table);
        console.WriteLine(FormattableString.Invariant(
            $"{result.Status}: {result.Steps} steps ({result.Epochs:0.##} epochs) on {outcome.TrainPairs} pairs in {result.Seconds:0.0} s"));
    }
}
