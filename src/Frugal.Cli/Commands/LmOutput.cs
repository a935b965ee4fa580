using System.Globalization;
using System.Text.Json;
using Frugal.Training;
using Spectre.Console;

namespace Frugal.Cli.Commands;

/// <summary>What the language-model commands print: a line per log entry on stderr, and the final JSON object.</summary>
internal static class LmOutput
{
    public static Action<LmLogEntry> LogLines(TextWriter writer, string label, int totalSteps) => entry =>
    {
        var metrics = string.Join(", ", entry.Metrics.Select(m => $"{m.Key} {Format(m.Value)}"));
        writer.WriteLine($"{label} step {entry.Step}/{totalSteps} (epoch {entry.Epoch.ToString("0.###", CultureInfo.InvariantCulture)}): {metrics}");
        writer.Flush();
    };

    public static string Format(double value) => Math.Abs(value) >= 1e5 && Math.Floor(value) == value
        ? value.ToString("0", CultureInfo.InvariantCulture)
        : value.ToString("G5", CultureInfo.InvariantCulture);

    /// <summary>The final metrics as the last stdout line; non-finite numbers become null.</summary>
    public static void WriteJson(IAnsiConsole console, IReadOnlyDictionary<string, object?> values)
    {
        var clean = values.ToDictionary(v => v.Key, v => v.Value is double d && !double.IsFinite(d) ? null : v.Value);
        var output = console.Profile.Out.Writer;
        output.WriteLine(JsonSerializer.Serialize(clean));
        output.Flush();
    }

    /// <summary>
    /// The final JSON object of `lm pretrain` and `sft`: status, steps, seconds, train and last logged loss,
    /// tokens, then the command's own metrics, then throughput and the step a diverged run stopped at.
    /// </summary>
    public static void WriteJson(IAnsiConsole console, CausalLmResult run, IReadOnlyDictionary<string, object?> metrics)
    {
        var values = new Dictionary<string, object?>
        {
            ["status"] = run.Status,
            ["steps"] = run.Steps,
            ["seconds"] = Math.Round(run.Seconds, 3),
            ["train_loss"] = run.TrainLoss,
            ["loss"] = run.LastLog?["loss"],
            ["num_tokens"] = run.NumTokens,
        };
        foreach (var (name, value) in metrics) values[name] = value;
        values["train_tokens_per_second"] = Math.Round(run.TrainTokensPerSecond, 1);
        values["diverged_at_step"] = run.DivergedAtStep;
        WriteJson(console, values);
    }

    /// <summary>Success, or exit 1 with one line on stderr saying at which step the run diverged.</summary>
    public static int ExitCode(ErrorOutput error, CausalLmResult run)
    {
        if (!run.IsDiverged) return FrugalApp.Success;
        error.Writer.WriteLine($"frugal: the run diverged (non-finite loss) at step {run.DivergedAtStep}: try a lower --lr");
        return FrugalApp.RunFailed;
    }

    public static void SetThreads(int? threads)
    {
        if (threads is > 0) TorchSharp.torch.set_num_threads(threads.Value);
    }
}
