using System.Globalization;
using System.Text.Json;
using Frugal.Reports;
using Frugal.Schedules;
using Frugal.Studies;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Frugal.Cli.Commands;

/// <summary>`frugal plan`: recommends the SFT ratio, n_sft and n_pref for a budget, from a study or the paper's rules.</summary>
public sealed class PlanCommand(IAnsiConsole console) : Command<PlanSettings>
{
    public override int Execute(CommandContext context, PlanSettings settings, CancellationToken cancellationToken)
    {
        var budget = settings.ToBudget();
        var plan = settings.Study is { } directory
            ? AllocationPlanner.FromStudy(budget, Surface(directory, settings.Task))
            : AllocationPlanner.FromPaperRules(budget);
        var output = console.Profile.Out.Writer;
        if (settings.Json)
        {
            output.WriteLine(JsonSerializer.Serialize(new
            {
                sft_ratio = plan.Split.SftRatio,
                n_sft = plan.Split.Sft,
                n_pref = plan.Split.Pref,
                expected_metric = plan.ExpectedMetric,
                spread = plan.Spread,
                runner_up = plan.RunnerUp is { } r ? new { sft_ratio = r.SftRatio, n_sft = r.Sft, n_pref = r.Pref, expected_metric = plan.RunnerUpMetric } : null,
                source = plan.Source.Name(),
            }));
        }
        else
        {
            output.WriteLine($"SFT ratio {F(plan.Split.SftRatio)}: {plan.Split.Sft} demonstrations and {plan.Split.Pref} preference pairs");
            if (plan.ExpectedMetric is { } metric) output.WriteLine($"expected metric {F(metric)} +- {F(plan.Spread ?? 0)} (seed std)");
            if (plan.RunnerUp is { } runnerUp)
                output.WriteLine($"runner-up: SFT ratio {F(runnerUp.SftRatio)} ({runnerUp.Sft} + {runnerUp.Pref}), expected {F(plan.RunnerUpMetric ?? double.NaN)}");
            output.WriteLine($"source: {plan.Reason}");
        }
        output.Flush();
        return FrugalApp.Success;
    }

    private static AllocationSurface Surface(string directory, string? task)
    {
        var path = Path.Combine(directory, AllocationCellsCsv.FileName);
        var cells = AllocationCellsCsv.Read(path);
        var tasks = cells.Select(c => c.Task).Distinct().ToList();
        var chosen = task ?? (tasks.Count == 1 ? tasks[0]
            : throw new BadInputException($"--task: {path} holds the tasks {string.Join(", ", tasks)}; say which to plan for"));
        if (!tasks.Contains(chosen))
            throw new BadInputException($"--task: {path} has no task '{chosen}'; it holds {string.Join(", ", tasks)}");
        return AllocationSurface.From(cells, chosen, path);
    }

    private static string F(double x) => x.ToString("0.###", CultureInfo.InvariantCulture);
}
