using Frugal.Cli;
using Spectre.Console;

return FrugalApp.Run(args, AnsiConsole.Console, Console.Error);
