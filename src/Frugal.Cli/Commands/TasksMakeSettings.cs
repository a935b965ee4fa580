using System.ComponentModel;
using Frugal.Data.Tasks;
using Frugal.Schedules;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Frugal.Cli.Commands;

/// <summary>`frugal tasks make`: every option is required but --overwrite, so a data file always says how it was made.</summary>
public sealed class TasksMakeSettings : CommandSettings
{
    [CommandOption("--task <TASK>")]
    [Description("math, instruct, summarize or helpful.")]
    public string? Task { get; init; }

    [CommandOption("--kind <KIND>")]
    [Description("raw {\"text\"}, sft {\"prompt\",\"completion\"}, pref {\"prompt\",\"chosen\",\"rejected\"} or eval (held-out problems with the verifier's fields).")]
    public string? Kind { get; init; }

    [CommandOption("-n|--count <N>")]
    [Description("Number of records (--n N also works, as DESIGN.md spells it).")]
    public int? N { get; init; }

    [CommandOption("--seed <S>")]
    [Description("Same seed, same bytes; the first n records do not depend on --n.")]
    public int? Seed { get; init; }

    [CommandOption("--out <FILE>")]
    [Description("The JSON Lines file to write.")]
    public string? Out { get; init; }

    [CommandOption("--overwrite")]
    [Description("Replace --out if it exists.")]
    public bool Overwrite { get; init; }

    /// <summary>
    /// DESIGN.md's contract spells the count `--n N`, but Spectre rejects one-letter long options, so "--n" (and
    /// "--n=N") is read as "-n". Only the `tasks` branch is touched.
    /// </summary>
    public static string[] NormalizeArguments(string[] args) =>
        args.Length > 0 && args[0] == "tasks"
            ? [.. args.Select(a => a == "--n" ? "-n" : a.StartsWith("--n=", StringComparison.Ordinal) ? "-n=" + a[4..] : a)]
            : args;

    public override ValidationResult Validate()
    {
        var problems = new List<string>();
        TryParse(problems, out _, out _);
        return problems.Count == 0 ? ValidationResult.Success() : ValidationResult.Error(string.Join("; ", problems));
    }

    public bool TryParse(List<string> problems, out TaskKind task, out TaskDataKind kind)
    {
        task = default;
        kind = default;
        if (Task is null) problems.Add($"--task is required: one of {EnumNames.List<TaskKind>()}");
        else if (!EnumNames.TryParse(Task, out task)) problems.Add($"--task: unknown task '{Task}', expected one of {EnumNames.List<TaskKind>()}");
        if (Kind is null) problems.Add($"--kind is required: one of {EnumNames.List<TaskDataKind>()}");
        else if (!EnumNames.TryParse(Kind, out kind)) problems.Add($"--kind: unknown kind '{Kind}', expected one of {EnumNames.List<TaskDataKind>()}");
        if (N is null) problems.Add("--n is required: the number of records");
        else if (N <= 0) problems.Add($"--n must be a positive number of records, got {N}");
        if (Seed is null) problems.Add("--seed is required: the same seed gives the same file");
        if (string.IsNullOrWhiteSpace(Out)) problems.Add("--out is required: the JSON Lines file to write");
        else if (File.Exists(Out) && !Overwrite) problems.Add($"--out: {Out} exists; pass --overwrite to replace it");
        else if (Directory.Exists(Out)) problems.Add($"--out: {Out} is a directory, expected a file name");
        return problems.Count == 0;
    }
}
