using System.ComponentModel;
using Frugal.Data;
using Frugal.Schedules;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Frugal.Cli.Commands;

/// <summary>`frugal lm corpus`: how many generated documents, from which seed, of which kinds.</summary>
public sealed class LmCorpusSettings : CommandSettings
{
    [CommandOption("--docs <N>")]
    [Description("Number of documents (required).")]
    public int? Docs { get; init; }

    [CommandOption("--seed <S>")]
    public int Seed { get; init; }

    [CommandOption("--out <FILE>")]
    [Description("Text file to write; documents are separated by blank lines (required).")]
    public string? Out { get; init; }

    [CommandOption("--kinds <LIST>")]
    [Description("Comma-separated generators to mix (default all): arithmetic, facts, lists.")]
    public string? Kinds { get; init; }

    [CommandOption("--overwrite")]
    [Description("Replace an existing non-empty --out file.")]
    public bool Overwrite { get; init; }

    public override ValidationResult Validate()
    {
        var problems = new List<string>();
        ParseKinds(problems);
        if (Docs is null) problems.Add("--docs is required: the number of documents");
        else if (Docs <= 0) problems.Add($"--docs must be positive, got {Docs}");
        if (string.IsNullOrEmpty(Out)) problems.Add("--out is required: the text file to write");
        return problems.Count == 0 ? ValidationResult.Success() : ValidationResult.Error(string.Join("; ", problems));
    }

    public IReadOnlyList<CorpusKind> ParseKinds(List<string> problems)
    {
        if (Kinds is null) return EnumNames.All<CorpusKind>();
        var kinds = new List<CorpusKind>();
        foreach (var name in Kinds.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (EnumNames.TryParse<CorpusKind>(name, out var kind)) kinds.Add(kind);
            else problems.Add($"--kinds: unknown generator '{name}'; expected any of {EnumNames.List<CorpusKind>()}");
        }
        if (kinds.Count == 0 && problems.Count == 0) problems.Add($"--kinds: name at least one of {EnumNames.List<CorpusKind>()}");
        return kinds.Distinct().ToList();
    }
}
