using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using Frugal.Evaluation;
using Frugal.Schedules;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Frugal.Cli.Commands;

public sealed class EvalSettings : GenerateSamplingSettings
{
    [CommandOption("--data <FILE>")]
    [Description("JSON Lines eval set: {\"prompt\",\"completion\"} or {\"messages\"} (the last, assistant, message is the reference) (required).")]
    public string? Data { get; init; }

    [CommandOption("--verifier <NAME>")]
    [Description("How a completion is scored against the reference (required).")]
    public string? Verifier { get; init; }

    [CommandOption("--max-tokens <N>")]
    [Description("At most N new tokens per answer. Default 256.")]
    public int? MaxTokens { get; init; }

    [CommandOption("--limit <N>")]
    [Description("Evaluate only the first N records.")]
    public int? Limit { get; init; }

    [CommandOption("--out <FILE>")]
    [Description("Write one JSON line per record: line, prompt, reference, completion, passed, reason.")]
    public string? Out { get; init; }

    [CommandOption("--overwrite")]
    [Description("Replace --out FILE if it exists.")]
    public bool Overwrite { get; init; }

    [CommandOption("--workers <N>")]
    [Description("Records generated side by side, each on its own thread; --threads is split between them. Default: one per core (--threads), 1 thread each.")]
    public int? Workers { get; init; }

    [CommandOption("--json")]
    [Description("End stdout with one JSON line: accuracy, ci_low, ci_high, n, passed, verifier, seconds.")]
    public bool Json { get; init; }

    protected override int DefaultMaxTokens => 256;

    protected override int? MaxTokensOption => MaxTokens;

    protected override IEnumerable<string> Problems()
    {
        foreach (var problem in base.Problems()) yield return problem;
        if (string.IsNullOrEmpty(Data)) yield return "--data FILE.jsonl is required";
        if (string.IsNullOrEmpty(Verifier)) yield return $"--verifier is required: one of {EnumNames.List<VerifierKind>()}";
        else if (!EnumNames.TryParse<VerifierKind>(Verifier, out _))
            yield return $"--verifier: unknown verifier '{Verifier}', expected one of {EnumNames.List<VerifierKind>()}";
        if (Limit < 1) yield return $"--limit must be >= 1, got {Limit}";
        if (Workers is < 1 or > 256) yield return $"--workers must be between 1 and 256, got {Workers}";
        if (Out is not null && File.Exists(Out) && !Overwrite) yield return $"--out {Out}: already exists; choose another file or add --overwrite";
    }
}

/// <summary>`frugal eval`: generates an answer to every record, scores it, and reports accuracy with its 95% Wilson interval.</summary>
public sealed class EvalCommand(IAnsiConsole console, ErrorOutput error) : Command<EvalSettings>
{
    public override int Execute(CommandContext context, EvalSettings settings, CancellationToken cancellationToken)
    {
        var verifier = Verifiers.Create(settings.Verifier);
        // Data before the model: a bad line is reported without waiting for the weights.
        var records = EvalData.Read(settings.Data!, settings.Limit);
        using var model = settings.LoadModel();
        var progress = new EvalProgressLine(error.Writer, $"eval {verifier.Kind.Name()}");
        // Decoding one token is a chain of tiny operations: one thread each on records side by side beats every thread
        // on one record (bench/README.md: 2 threads on one record ran 15x slower than 1 on a busy machine).
        var cores = settings.Threads is > 0 ? settings.Threads.Value : Environment.ProcessorCount;
        var workers = settings.Workers ?? cores;
        var result = Evaluator.Run(model, records, verifier, settings.Sampling, progress, cancellationToken,
            workers, threadsPerWorker: Math.Max(1, cores / workers));
        if (settings.Out is { } path) EvalOutput.Write(path, result);

        var (low, high) = result.Interval;
        var output = console.Profile.Out.Writer;
        if (settings.Json)
        {
            output.WriteLine(JsonSerializer.Serialize(new
            {
                accuracy = result.Accuracy,
                ci_low = Math.Round(low, 6),
                ci_high = Math.Round(high, 6),
                n = result.Count,
                passed = result.Passed,
                verifier = verifier.Kind.Name(),
                seconds = Math.Round(result.Seconds, 3),
            }));
        }
        else
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{verifier.Kind.Name()}: accuracy {result.Accuracy:0.0000} ({result.Passed}/{result.Count}), 95% CI [{low:0.0000}, {high:0.0000}] (Wilson), {result.Seconds:0.0} s"));
        }
        output.Flush();
        return FrugalApp.Success;
    }
}
