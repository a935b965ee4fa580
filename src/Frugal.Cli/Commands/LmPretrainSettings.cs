using System.ComponentModel;
using System.Globalization;
using Frugal.Models;
using Frugal.Schedules;
using Frugal.Training;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Frugal.Cli.Commands;

/// <summary>`frugal lm pretrain`: unset options take <see cref="PretrainConfig"/>'s defaults.</summary>
public sealed class LmPretrainSettings : LmTrainSettings
{
    [CommandOption("--corpus <FILE>")]
    [Description("Text (documents separated by blank lines) or .jsonl {\"text\"} file; repeat for several. Required.")]
    public string[] Corpus { get; init; } = [];

    [CommandOption("--preset <SIZE>")]
    [Description("Model size: tiny, 1m (default), 5m, 20m or 50m.")]
    public string Preset { get; init; } = "1m";

    [CommandOption("--context <N>")]
    [Description("Sequence length (default: the preset's).")]
    public int? Context { get; init; }

    [CommandOption("--batch-size <B>")]
    [Description("Sequences per step (default 16).")]
    public int? BatchSize { get; init; }

    [CommandOption("--full-steps <T>")]
    [Description("The 100% budget in steps (default: one pass over the packed training data).")]
    public int? FullSteps { get; init; }

    [CommandOption("--budget <FRACTION>")]
    [Description("Fraction of --full-steps to train for, in (0, 1]] (default 1).")]
    public double? Budget { get; init; }

    [CommandOption("--schedule <PROFILE>")]
    [Description("Learning-rate profile (default rex).")]
    public string Schedule { get; init; } = "rex";

    [CommandOption("--lr <LR>")]
    [Description("Peak learning rate (default 1e-3).")]
    public double? Lr { get; init; }

    [CommandOption("--warmup-ratio <W>")]
    [Description("Share of the steps spent warming up linearly (default 0.02).")]
    public double? WarmupRatio { get; init; }

    [CommandOption("--val-fraction <F>")]
    [Description("Share of the documents held out for validation (default 0.05).")]
    public double? ValFraction { get; init; }

    [CommandOption("--eval-every <N>")]
    [Description("Validation loss every N steps (default: ten times over the run).")]
    public int? EvalEvery { get; init; }

    [CommandOption("--tokenizer <KIND>")]
    [Description("byte (default: UTF-8 bytes, no training) or bpe:N (a byte-level BPE of N tokens, 256 bytes included, learned from the training documents and saved in the model's tokenizer.json).")]
    public string Tokenizer { get; init; } = "byte";

    public override ValidationResult Validate()
    {
        var problems = new List<string>();
        ToConfig(problems);
        return problems.Count == 0 ? ValidationResult.Success() : ValidationResult.Error(string.Join("; ", problems));
    }

    public PretrainConfig ToConfig(List<string> problems)
    {
        AddCommonProblems(problems);
        var defaults = new PretrainConfig();
        if (!EnumNames.TryParse<GptPreset>(Preset, out var preset))
            problems.Add($"--preset: unknown GPT preset '{Preset}'; expected one of {EnumNames.List<GptPreset>()}");
        if (!ProfileKinds.TryParse(Schedule, out var schedule))
            problems.Add($"--schedule: unknown profile '{Schedule}': expected one of {ProfileKinds.NameList}");
        var config = defaults with
        {
            Corpus = Corpus,
            Preset = preset,
            Context = Context,
            BatchSize = BatchSize ?? defaults.BatchSize,
            FullSteps = FullSteps,
            Budget = Budget ?? defaults.Budget,
            Schedule = schedule,
            Lr = Lr ?? defaults.Lr,
            WarmupRatio = WarmupRatio ?? defaults.WarmupRatio,
            ValidationFraction = ValFraction ?? defaults.ValidationFraction,
            EvalEvery = EvalEvery,
            LoggingSteps = LoggingSteps ?? defaults.LoggingSteps,
            CheckpointEvery = CheckpointEvery ?? defaults.CheckpointEvery,
            Seed = Seed ?? defaults.Seed,
            BpeVocabSize = ParseTokenizer(problems),
        };
        if (problems.Count == 0) problems.AddRange(config.Validate());
        return config;
    }

    private int? ParseTokenizer(List<string> problems)
    {
        if (Tokenizer == "byte") return null;
        if (Tokenizer.StartsWith("bpe:", StringComparison.Ordinal) && int.TryParse(Tokenizer.AsSpan(4), NumberStyles.None, CultureInfo.InvariantCulture, out var size))
            return size;
        problems.Add($"--tokenizer: '{Tokenizer}', expected byte or bpe:N (N tokens, e.g. bpe:4096)");
        return null;
    }
}
