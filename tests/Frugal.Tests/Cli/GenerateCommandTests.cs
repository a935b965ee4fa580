using Frugal.Evaluation;
using Frugal.Tests.Evaluation;
using Frugal.Tests.Models;
using Frugal.Tests.Text;
using Frugal.Text;

namespace Frugal.Tests.Cli;

[Collection(TorchGlobalState.Name)]
public sealed class GenerateCommandTests : IDisposable
{
    private readonly TextFiles _files = new();
    private readonly string _model;

    public GenerateCommandTests() => _model = TinyLm.Save(TinyLm.Random(3), Path.Combine(_files.Root, "model"));

    public void Dispose() => _files.Dispose();

    private string Expected(Passage prompt, SamplingOptions options)
    {
        using var model = LanguageModel.Load(_model);
        return model.Complete(prompt, options).Text;
    }

    [Fact]
    public void Prints_the_greedy_continuation_of_the_prompt()
    {
        var run = CliRun.Of("generate", "--model", _model, "--prompt", "Once upon a", "--max-tokens", "12");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
        var expected = Expected(new Passage.Plain("Once upon a"), new SamplingOptions { MaxNewTokens = 12 });
        Assert.NotEqual("", expected.Trim());
        Assert.Equal(expected + "\n", run.Out.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Chat_wraps_the_prompt_as_a_user_message()
    {
        var run = CliRun.Of("generate", "--model", _model, "--prompt", "Hello?", "--chat", "--max-tokens", "12");
        Assert.Equal(0, run.ExitCode);
        var chat = Expected(new Passage.Chat([new ChatMessage(ChatRole.User, "Hello?")]), new SamplingOptions { MaxNewTokens = 12 });
        var plain = Expected(new Passage.Plain("Hello?"), new SamplingOptions { MaxNewTokens = 12 });
        Assert.NotEqual(plain, chat);
        Assert.Equal(chat + "\n", run.Out.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Sampling_options_and_stop_strings_are_applied()
    {
        string[] args = ["generate", "--model", _model, "--prompt", "abc", "--max-tokens", "16", "--temperature", "1.2", "--top-p", "0.9", "--seed", "4"];
        var sampled = CliRun.Of(args);
        Assert.Equal(0, sampled.ExitCode);
        Assert.Equal(Expected(new Passage.Plain("abc"), new SamplingOptions { MaxNewTokens = 16, Temperature = 1.2, TopP = 0.9, Seed = 4 }) + "\n", sampled.Out);
        var text = sampled.Out.TrimEnd('\n');
        var stop = text.Substring(3, 1);
        var stopped = CliRun.Of([.. args, "--stop", stop, "--stop", "never-generated"]);
        Assert.Equal(text[..text.IndexOf(stop, StringComparison.Ordinal)] + "\n", stopped.Out);
    }

    [Theory]
    [InlineData("--model DIR is required", "--prompt", "x")]
    [InlineData("--prompt TEXT is required", "--model", "MODEL")]
    [InlineData("--max-tokens must be >= 1, got 0", "--model", "MODEL", "--prompt", "x", "--max-tokens", "0")]
    [InlineData("--temperature must be >= 0", "--model", "MODEL", "--prompt", "x", "--temperature", "-1")]
    [InlineData("--top-p must be in (0, 1], got 1.5", "--model", "MODEL", "--prompt", "x", "--top-p", "1.5")]
    [InlineData("--threads must be >= 0", "--model", "MODEL", "--prompt", "x", "--threads", "-2")]
    [InlineData("--max-tokens: 'many' is not a valid number", "--model", "MODEL", "--prompt", "x", "--max-tokens", "many")]
    public void Bad_options_are_one_line_and_exit_code_2(string expected, params string[] args)
    {
        var run = CliRun.Of(["generate", .. args.Select(a => a == "MODEL" ? _model : a)]);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(expected, Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
        Assert.Equal("", run.Out);
    }

    [Fact]
    public void A_missing_directory_or_tensor_is_named_with_exit_code_2()
    {
        var missing = Path.Combine(_files.Root, "nope");
        var run = CliRun.Of("generate", "--model", missing, "--prompt", "x");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"frugal: {missing}: model directory not found\n", run.Error.ReplaceLineEndings("\n"));

        // A config one layer deeper than the weights: the second block's tensors are missing.
        var config = Path.Combine(_model, "config.json");
        File.WriteAllText(config, File.ReadAllText(config).Replace("\"layers\": 1", "\"layers\": 2", StringComparison.Ordinal));
        var deeper = CliRun.Of("generate", "--model", _model, "--prompt", "x");
        Assert.Equal(2, deeper.ExitCode);
        var line = Assert.Single(deeper.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("model.safetensors: tensor 'h.1.", line);
        Assert.Contains("is missing", line);
    }
}
