using System.ComponentModel;
using System.Globalization;
using Frugal.Data.Tasks;
using Frugal.Evaluation;
using Frugal.Schedules;
using Frugal.Studies.Allocation;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Frugal.Cli.Commands;

public sealed class StudyAllocationSettings : CommandSettings
{
    [CommandOption("--preset <PRESET>")]
    [Description("smoke (a few minutes), quick (math, about an hour on 2 cores after the base model) or paper (all four tasks, 3 seeds, rate search).")]
    public string Preset { get; init; } = "smoke";

    [CommandOption("--task <TASK>")]
    [Description("math, instruct, summarize, helpful or all. Default: the preset's.")]
    public string? Task { get; init; }

    [CommandOption("--budgets <LIST>")]
    [Description("Total budgets in cost units, comma-separated (e.g. 100,300,1000,3000,10000). Default: the preset's.")]
    public string? Budgets { get; init; }

    [CommandOption("--ratios <LIST>")]
    [Description("SFT ratios r in [[0, 1]], comma-separated (e.g. 0,0.01,0.1,0.25,0.5,0.75,1). Default: the preset's.")]
    public string? Ratios { get; init; }

    [CommandOption("--cost-sft <C>")]
    [Description("Cost of one demonstration. Default 1.")]
    public double? CostSft { get; init; }

    [CommandOption("--cost-pref <C>")]
    [Description("Cost of one preference pair. Default 1.")]
    public double? CostPref { get; init; }

    [CommandOption("--seeds <N>")]
    [Description("Seeds per cell (data resampled, training reseeded). Default: the preset's.")]
    public int? Seeds { get; init; }

    [CommandOption("--sft-data <FILE>")]
    [Description("Your demonstrations (TRL prompt-completion or messages JSON Lines), studied instead of --task; with --pref-data, --eval-data and --verifier.")]
    public string? SftData { get; init; }

    [CommandOption("--pref-data <FILE>")]
    [Description("Your preference pairs (prompt, chosen, rejected).")]
    public string? PrefData { get; init; }

    [CommandOption("--eval-data <FILE>")]
    [Description("Your evaluation problems (prompt and reference completion); the first 100 rank DPO's candidates, the rest measure.")]
    public string? EvalData { get; init; }

    [CommandOption("--verifier <NAME>")]
    [Description("Scores answers to --eval-data: final-answer, exact-match, final-answer-format, math, instruct, summarize or helpful.")]
    public string? Verifier { get; init; }

    [CommandOption("--base <DIR>")]
    [Description("Start every cell from this model directory instead of pretraining the preset's base model.")]
    public string? Base { get; init; }

    [CommandOption("--out <DIR>")]
    [Description("Where the report, data and store go. Default out/allocation-PRESET.")]
    public string? Out { get; init; }

    [CommandOption("--store <PATH|URL>")]
    [Description("Run store: a SQLite file or postgresql://user@host:port/db; rerunning with the same store skips done trials. Default OUT/study.db.")]
    public string? Store { get; init; }

    [CommandOption("--cache <DIR>")]
    [Description("Where base models are cached under their configuration's hash, shared by studies. Default out/cache.")]
    public string Cache { get; init; } = Path.Combine("out", "cache");

    [CommandOption("--enqueue-only")]
    [Description("Train the base model and fill the store's queue, then exit; `frugal worker` processes run the cells.")]
    public bool EnqueueOnly { get; init; }

    [CommandOption("--workers <N>")]
    [Description("Worker processes sharing the store; the cores are split between them. Default 1.")]
    [DefaultValue(1)]
    public int Workers { get; init; } = 1;

    public AllocationPreset ParsedPreset => EnumNames.TryParse<AllocationPreset>(Preset, out var p) ? p : default;

    public string OutDirectory => Out ?? Path.Combine("out", $"allocation-{ParsedPreset.Name()}");

    public string StorePath => Store ?? Path.Combine(OutDirectory, "study.db");

    /// <summary>The preset with every option given on the command line applied; problems are bad input.</summary>
    public AllocationStudySpec Spec()
    {
        var spec = AllocationPresets.For(ParsedPreset);
        var custom = new[] { SftData, PrefData, EvalData, Verifier };
        if (custom.Any(c => c is not null))
        {
            if (custom.Any(c => c is null))
                throw new BadInputException("--sft-data, --pref-data, --eval-data and --verifier go together: give all four to study your own data");
            if (Task is not null) throw new BadInputException("--task and --sft-data exclude each other: study a generated task or your own data");
            spec = spec with { Tasks = [], Custom = new AllocationCustomData(Path.GetFullPath(SftData!), Path.GetFullPath(PrefData!), Path.GetFullPath(EvalData!), Verifiers.Create(Verifier).Kind) };
        }
        if (Base is { } given) spec = spec with { BaseModel = Path.GetFullPath(given) };
        if (Task is { } task)
            spec = spec with { Tasks = task == "all" ? EnumNames.All<TaskKind>().ToList() : [ParseTask(task)] };
        if (Budgets is { } budgets) spec = spec with { Budgets = Numbers(budgets, "--budgets") };
        if (Ratios is { } ratios) spec = spec with { Ratios = Numbers(ratios, "--ratios") };
        if (CostSft is { } costSft) spec = spec with { CostSft = costSft };
        if (CostPref is { } costPref) spec = spec with { CostPref = costPref };
        if (Seeds is { } seeds) spec = spec with { Seeds = seeds };
        // A study with other budgets, ratios or costs is another study: its name keeps its trials apart in a shared store.
        var preset = AllocationPresets.For(ParsedPreset);
        if (spec.Fingerprint() != preset.Fingerprint()) spec = spec with { Name = $"{preset.Name}-{spec.Fingerprint()}" };
        var problems = spec.Validate().ToList();
        return problems.Count == 0 ? spec : throw new BadInputException(problems[0]);
    }

    private static TaskKind ParseTask(string name) =>
        EnumNames.TryParse<TaskKind>(name, out var kind) ? kind
            : throw new BadInputException($"--task: unknown task '{name}', expected one of {EnumNames.List<TaskKind>()} or all");

    private static List<double> Numbers(string list, string option) =>
        [.. list.Split(',', StringSplitOptions.TrimEntries).Select(item =>
            double.TryParse(item, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
                ? value
                : throw new BadInputException($"{option}: '{item}' is not a number; expected a comma-separated list such as {(option == "--ratios" ? "0,0.1,0.5,1" : "100,1000,10000")}"))];

    public override ValidationResult Validate()
    {
        if (!EnumNames.TryParse<AllocationPreset>(Preset, out _))
            return ValidationResult.Error($"--preset: unknown preset '{Preset}': expected one of {EnumNames.List<AllocationPreset>()}");
        if (Workers < 1 || Workers > 64) return ValidationResult.Error($"--workers must be between 1 and 64, got {Workers}");
        return ValidationResult.Success();
    }
}
