using Frugal.Storage;
using Spectre.Console.Cli;

namespace Frugal.Cli;

/// <summary>The command line as a report records it: a store URL may hold a password, so it is shown without.</summary>
internal static class ShownCommandLine
{
    public static string Of(CommandContext context) =>
        "frugal " + string.Join(' ', context.Arguments.Select(a => RunStores.IsUrl(a) ? RunStores.Describe(a) : a));
}
