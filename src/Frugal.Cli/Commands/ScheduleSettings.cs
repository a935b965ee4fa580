using System.ComponentModel;
using Frugal.Schedules;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Frugal.Cli.Commands;

/// <summary>`frugal schedule PROFILE|compare ...`; unset options take the REX paper's defaults.</summary>
public sealed class ScheduleSettings : CommandSettings
{
    public const string Compare = "compare";

    [CommandArgument(0, "<PROFILE>")]
    [Description("A profile such as rex, linear or cosine (a wrong name prints them all), or compare: every profile on one chart (needs --plot).")]
    public string Profile { get; init; } = "";

    [CommandOption("--steps <T>")]
    [Description("Total steps T of the budget (required).")]
    public int? Steps { get; init; }

    [CommandOption("--lr <LR>")]
    [Description("Peak learning rate eta0. Default 1, so the output is the profile eta(p)/eta0.")]
    [DefaultValue(1.0)]
    public double Lr { get; init; } = 1.0;

    [CommandOption("--sample-every <K>")]
    [Description("Re-read the profile every K steps and hold it in between (default: every step).")]
    public int? SampleEvery { get; init; }

    [CommandOption("--sample-at <FRACTIONS>")]
    [Description("Re-read the profile only at these budget fractions, e.g. 0.5,0.75 (the paper's 50-75).")]
    public string? SampleAt { get; init; }

    [CommandOption("--gamma <G>")]
    [Description("exponential: eta(p) = exp(gamma p). Default -3 (REX paper).")]
    public double? Gamma { get; init; }

    [CommandOption("--milestones <FRACTIONS>")]
    [Description("step: budget fractions where the lr is multiplied by --factor. Default 0.5,0.75.")]
    public string? Milestones { get; init; }

    [CommandOption("--factor <F>")]
    [Description("step: decay factor at each milestone. Default 0.1.")]
    public double? Factor { get; init; }

    [CommandOption("--beta <B>")]
    [Description("rex: (1-p)/(1-beta p). Default 0.5 (the paper); 0.9 is the variant in other code.")]
    public double? Beta { get; init; }

    [CommandOption("--delay <D>")]
    [Description("delayed-linear: constant until this budget fraction, then linear to 0. Default 0.5.")]
    public double? Delay { get; init; }

    [CommandOption("--decay <D>")]
    [Description("wsd: fraction of the budget spent in the 1-sqrt cooldown. Default 0.2.")]
    public double? Decay { get; init; }

    [CommandOption("--power <P>")]
    [Description("polynomial: (1-p)^power. Default 1.")]
    public double? Power { get; init; }

    [CommandOption("--warmup <W>")]
    [Description("Linear warmup from lr/W to lr over W steps; the profile is re-fitted to the remaining T-W steps.")]
    [DefaultValue(0)]
    public int Warmup { get; init; }

    [CommandOption("--min-lr <M>")]
    [Description("Floor: lr(t) = M + (lr - M) eta(p)/eta0 after warmup. Default 0.")]
    [DefaultValue(0.0)]
    public double MinLr { get; init; }

    [CommandOption("--plot <FILE>")]
    [Description("Also draw the curve(s) to this PNG file.")]
    public string? Plot { get; init; }

    public ProfileOptions ToProfileOptions(List<string> problems)
    {
        var paper = ProfileOptions.Paper;
        var options = paper with
        {
            Beta = Beta ?? paper.Beta,
            Gamma = Gamma ?? paper.Gamma,
            Milestones = ParseFractions(Milestones, "--milestones", problems) ?? paper.Milestones,
            Factor = Factor ?? paper.Factor,
            Delay = Delay ?? paper.Delay,
            DecayFraction = Decay ?? paper.DecayFraction,
            Power = Power ?? paper.Power,
        };
        problems.AddRange(options.Validate());
        return options;
    }

    public Schedule ToSchedule(IProfile profile, List<string> problems)
    {
        if (SampleEvery is not null && SampleAt is not null)
            problems.Add("give --sample-every or --sample-at, not both");
        var atFractions = ParseFractions(SampleAt, "--sample-at", problems);
        SamplingRate sampling = SampleEvery is { } k ? new EveryKSteps(k)
            : atFractions is not null ? new AtFractions(atFractions)
            : SamplingRate.EveryIteration;
        var schedule = new Schedule(profile) { Sampling = sampling, WarmupSteps = Warmup, MinLr = MinLr };
        if (Steps is null) problems.Add("--steps is required: the total number of steps T in the budget");
        else problems.AddRange(schedule.Validate(Steps.Value, Lr));
        return schedule;
    }

    private static List<double>? ParseFractions(string? text, string option, List<string> problems)
    {
        if (text is null) return null;
        var values = new List<double>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (double.TryParse(part, System.Globalization.CultureInfo.InvariantCulture, out var value)) values.Add(value);
            else problems.Add($"{option}: '{part}' is not a number (expected a comma-separated list such as 0.5,0.75)");
        }
        return values;
    }

    public bool IsCompare => string.Equals(Profile, Compare, StringComparison.OrdinalIgnoreCase);

    public override ValidationResult Validate()
    {
        var problems = new List<string>();
        if (IsCompare)
        {
            ToProfileOptions(problems);
            ToSchedule(new ConstantProfile(), problems);
            if (Plot is null) problems.Add("--plot FILE.png is required: compare draws every profile on one chart");
        }
        else
        {
            TryBuild(out _, problems);
        }
        return problems.Count == 0 ? ValidationResult.Success() : ValidationResult.Error(string.Join("; ", problems));
    }

    /// <summary>The schedule PROFILE names, with every problem in the options.</summary>
    public bool TryBuild(out Schedule schedule, List<string> problems)
    {
        schedule = new Schedule(new ConstantProfile());
        if (!ProfileKinds.TryParse(Profile, out var kind))
        {
            problems.Add($"unknown profile '{Profile}': expected one of {ProfileKinds.NameList}, or compare");
            return false;
        }
        if (!kind.IsFunctionOfProgress())
        {
            problems.Add("plateau decays when a validation metric stops improving, so it has no curve over steps alone: use it in `frugal train`");
            return false;
        }
        var options = ToProfileOptions(problems);
        if (problems.Count > 0) return false;
        schedule = ToSchedule(options.Create(kind), problems);
        return problems.Count == 0;
    }
}
