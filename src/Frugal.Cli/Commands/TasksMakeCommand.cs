using Frugal.Data.Tasks;
using Frugal.Schedules;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Frugal.Cli.Commands;

/// <summary>`frugal tasks make`: one task's raw text, demonstrations, preference pairs or evaluation set as JSON Lines.</summary>
public sealed class TasksMakeCommand(IAnsiConsole console) : Command<TasksMakeSettings>
{
    public override int Execute(CommandContext context, TasksMakeSettings settings, CancellationToken cancellationToken)
    {
        settings.TryParse([], out var task, out var kind);
        var path = Path.GetFullPath(settings.Out!);
        if (Path.GetDirectoryName(path) is { } directory) Directory.CreateDirectory(directory);
        TaskData.Write(task.Create(), kind, settings.N!.Value, settings.Seed!.Value, path, settings.Overwrite);
        var output = console.Profile.Out.Writer;
        output.WriteLine($"wrote {settings.N} {task.Name()} {kind.Name()} records to {settings.Out}");
        output.Flush();
        return FrugalApp.Success;
    }
}
