using System.ComponentModel;
using Frugal.Text;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Frugal.Cli.Commands;

public sealed class GenerateSettings : GenerateSamplingSettings
{
    [CommandOption("--prompt <TEXT>")]
    [Description("The text to continue (required).")]
    public string? Prompt { get; init; }

    [CommandOption("--chat")]
    [Description("Send the prompt as a user message through the chat template; the model answers as the assistant.")]
    public bool Chat { get; init; }

    [CommandOption("--max-tokens <N>")]
    [Description("At most N new tokens. Default 128.")]
    public int? MaxTokens { get; init; }

    protected override int DefaultMaxTokens => 128;

    protected override int? MaxTokensOption => MaxTokens;

    protected override IEnumerable<string> Problems()
    {
        foreach (var problem in base.Problems()) yield return problem;
        if (string.IsNullOrEmpty(Prompt)) yield return "--prompt TEXT is required and must not be empty";
    }
}

/// <summary>`frugal generate`: prints a model's continuation of one prompt (the new text only) to stdout.</summary>
public sealed class GenerateCommand(IAnsiConsole console) : Command<GenerateSettings>
{
    public override int Execute(CommandContext context, GenerateSettings settings, CancellationToken cancellationToken)
    {
        using var model = settings.LoadModel();
        Passage prompt = settings.Chat
            ? new Passage.Chat([new ChatMessage(ChatRole.User, settings.Prompt!)])
            : new Passage.Plain(settings.Prompt!);
        var completion = model.Complete(prompt, settings.Sampling);
        // Written as it is: Spectre's markup and wrapping would change the model's text.
        var output = console.Profile.Out.Writer;
        output.WriteLine(completion.Text);
        output.Flush();
        return FrugalApp.Success;
    }
}
