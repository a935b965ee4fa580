using System.ComponentModel;
using Frugal.Studies;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Frugal.Cli.Commands;

/// <summary>`frugal plan`: how to split a data budget between SFT demonstrations and preference pairs.</summary>
public sealed class PlanSettings : CommandSettings
{
    [CommandOption("--budget <B>")]
    [Description("Total data budget in cost units (required); with unit costs, a number of examples.")]
    public double? Budget { get; init; }

    [CommandOption("--cost-sft <C>")]
    [Description("Cost of one SFT demonstration. Default 1.")]
    [DefaultValue(1.0)]
    public double CostSft { get; init; } = 1;

    [CommandOption("--cost-pref <C>")]
    [Description("Cost of one preference pair. Default 1.")]
    [DefaultValue(1.0)]
    public double CostPref { get; init; } = 1;

    [CommandOption("--task <TASK>")]
    [Description("The study's task to plan for; needed when the study holds several.")]
    public string? Task { get; init; }

    [CommandOption("--study <DIR>")]
    [Description("An allocation study's output directory (its cells.csv); without it the paper's rules apply.")]
    public string? Study { get; init; }

    [CommandOption("--json")]
    [Description("Print one JSON object as the last line.")]
    public bool Json { get; init; }

    public DataBudget ToBudget() => new(Budget ?? double.NaN, CostSft, CostPref);

    public override ValidationResult Validate()
    {
        if (Budget is null) return ValidationResult.Error("--budget is required: the total data budget in cost units");
        var problems = ToBudget().Validate().ToList();
        return problems.Count == 0 ? ValidationResult.Success() : ValidationResult.Error(string.Join("; ", problems));
    }
}
