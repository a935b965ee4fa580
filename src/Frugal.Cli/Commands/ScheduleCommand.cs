using System.Globalization;
using Frugal.Reports;
using Frugal.Schedules;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Frugal.Cli.Commands;

/// <summary>
/// `frugal schedule PROFILE --steps T`: CSV `step,lr` for t = 0..T-1, lr in round-trip precision.
/// `frugal schedule compare --steps T --plot FILE.png`: every profile on one chart, like the REX paper's figure of profiles.
/// </summary>
public sealed class ScheduleCommand(IAnsiConsole console) : Command<ScheduleSettings>
{
    private static readonly double[] Checkpoints = [0, 0.25, 0.5, 0.75, 0.9];

    public override int Execute(CommandContext context, ScheduleSettings settings, CancellationToken cancellationToken)
    {
        if (settings.IsCompare) return CompareAll(settings);

        settings.TryBuild(out var schedule, []);
        var lrs = Curve(schedule, settings);
        // Straight to the writer: Spectre's renderer would wrap and style, CSV needs neither.
        var output = console.Profile.Out.Writer;
        output.WriteLine("step,lr");
        for (var t = 0; t < lrs.Length; t++)
            output.WriteLine($"{t.ToString(CultureInfo.InvariantCulture)},{lrs[t].ToString("R", CultureInfo.InvariantCulture)}");
        output.Flush();
        if (settings.Plot is { } path)
            ScheduleChart.SavePng(path, $"{settings.Profile} over T = {lrs.Length} steps", [new(settings.Profile, lrs)]);
        return FrugalApp.Success;
    }

    private int CompareAll(ScheduleSettings settings)
    {
        var options = settings.ToProfileOptions([]);
        var table = new Table().AddColumn("profile");
        foreach (var p in Checkpoints) table.AddColumn(new TableColumn($"p={p}").RightAligned());

        var curves = new List<ScheduleChart.Curve>();
        foreach (var kind in ProfileKinds.All.Where(k => k.IsFunctionOfProgress()))
        {
            var lrs = Curve(settings.ToSchedule(options.Create(kind), []), settings);
            curves.Add(new(kind.Name(), lrs));
            table.AddRow([kind.Name(), .. Checkpoints.Select(p => lrs[(int)(p * lrs.Length)].ToString("0.####", CultureInfo.InvariantCulture))]);
        }
        ScheduleChart.SavePng(settings.Plot!, $"Profiles over a budget of T = {settings.Steps} steps", curves);
        console.Write(table);
        console.MarkupLineInterpolated($"Wrote [bold]{settings.Plot}[/]: {curves.Count} profiles over T = {settings.Steps} steps.");
        return FrugalApp.Success;
    }

    private static double[] Curve(Schedule schedule, ScheduleSettings settings)
    {
        var steps = settings.Steps!.Value;
        return [.. Enumerable.Range(0, steps).Select(t => schedule.LearningRate(settings.Lr, t, steps))];
    }
}
