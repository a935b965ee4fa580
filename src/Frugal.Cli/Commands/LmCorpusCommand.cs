using Frugal.Data;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Frugal.Cli.Commands;

/// <summary>`frugal lm corpus`: writes a seeded corpus of generated general text for pretraining.</summary>
public sealed class LmCorpusCommand(IAnsiConsole console) : Command<LmCorpusSettings>
{
    public override int Execute(CommandContext context, LmCorpusSettings settings, CancellationToken cancellationToken)
    {
        var path = settings.Out!;
        if (Directory.Exists(path)) throw new BadInputException($"--out {path}: is a directory, expected a file name");
        if (!settings.Overwrite && File.Exists(path) && new FileInfo(path).Length > 0)
            throw new BadInputException($"--out {path}: already exists; choose another file or add --overwrite");
        var kinds = settings.ParseKinds([]);
        var documents = CorpusGenerator.Documents(settings.Docs!.Value, settings.Seed, kinds);
        long characters = 0;
        CorpusGenerator.Write(path, documents.Select(d =>
        {
            characters += d.Length;
            return d;
        }));
        console.WriteLine($"{settings.Docs} documents ({characters:N0} characters) in {path}");
        return FrugalApp.Success;
    }
}
