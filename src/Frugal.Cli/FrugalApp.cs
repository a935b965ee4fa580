using Frugal.Cli.Commands;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Frugal.Cli;

/// <summary>The `frugal` command. Exit codes: 0 success, 1 the run failed, 2 bad usage or bad input.</summary>
public static class FrugalApp
{
    public const int Success = 0;
    public const int RunFailed = 1;
    public const int BadInput = 2;

    public static int Run(string[] args, IAnsiConsole console, TextWriter error)
    {
        var app = new CommandApp(new TypeRegistrar(console, error));
        app.Configure(config =>
        {
            config.SetApplicationName("frugal");
            config.ConfigureConsole(console);
            config.UseStrictParsing();
            config.SetExceptionHandler((exception, _) => Report(exception, args, error));
            config.AddCommand<ScheduleCommand>("schedule")
                .WithDescription("Print (CSV) or plot a learning-rate schedule: a profile sampled over a budget of T steps.")
                .WithExample("schedule", "rex", "--steps", "100")
                .WithExample("schedule", "compare", "--steps", "1000", "--plot", "profiles.png");
            config.AddCommand<TrainCommand>("train")
                .WithDescription("Train a model on real data under a budget (a fraction of a full epoch count) with any schedule.")
                .WithExample("train", "--model", "mlp", "--optimizer", "sgdm", "--lr", "0.1", "--schedule", "rex", "--budget", "0.25", "--full-epochs", "10");
            config.AddCommand<DpoCommand>("dpo")
                .WithDescription("Preference-tune a model with DPO (TRL's losses and metrics) on JSON Lines preference pairs.")
                .WithExample("dpo", "--model", "sft-model", "--data", "pairs.jsonl", "--out", "dpo-model");
            config.AddBranch("study", study =>
            {
                study.SetDescription("Run a study (a grid of trials) into a run store and write its report.");
                study.AddCommand<StudyRexCommand>("rex")
                    .WithDescription("The REX paper's budget study: schedules x budgets x optimizers x settings on Fashion-MNIST.")
                    .WithExample("study", "rex", "--preset", "smoke");
                study.AddCommand<StudyAllocationCommand>("allocation")
                    .WithDescription("The Balancing-the-Budget study: SFT vs DPO shares of a data budget, per task, from one cached base model.")
                    .WithExample("study", "allocation", "--preset", "smoke");
                study.AddCommand<StudyStatusCommand>("status").WithDescription("Trials by status, running workers and their last heartbeat, ETA.");
                study.AddCommand<StudyReportCommand>("report").WithDescription("Write a study's report from the trials finished so far.");
            });
            config.AddCommand<PlanCommand>("plan")
                .WithDescription("Split a data budget between SFT demonstrations and preference pairs, from a study or the paper's rules.")
                .WithExample("plan", "--budget", "5000", "--cost-sft", "2", "--cost-pref", "1");
            config.AddBranch("tasks", tasks =>
            {
                tasks.SetDescription("The allocation study's synthetic tasks: math, instruct, summarize, helpful.");
                tasks.AddCommand<TasksMakeCommand>("make")
                    .WithDescription("Write a task's raw text, SFT demonstrations, preference pairs or evaluation set as JSON Lines.")
                    .WithExample("tasks", "make", "--task", "math", "--kind", "sft", "--n", "1000", "--seed", "1", "--out", "math-sft.jsonl");
            });
            config.AddCommand<GenerateCommand>("generate")
                .WithDescription("Print a model's continuation of a prompt (greedy by default).")
                .WithExample("generate", "--model", "out/sft", "--prompt", "What is 2+3?", "--chat");
            config.AddCommand<EvalCommand>("eval")
                .WithDescription("Generate an answer to every record of an eval set and report accuracy with a 95% interval.")
                .WithExample("eval", "--model", "out/sft", "--data", "eval.jsonl", "--verifier", "final-answer");
            config.AddBranch("lm", lm =>
            {
                lm.SetDescription("Language-model data and pretraining.");
                lm.AddCommand<LmPretrainCommand>("pretrain")
                    .WithDescription("Pretrain a GPT from scratch on a corpus under a step budget (REX by default), with validation perplexity, checkpoints and resume.")
                    .WithExample("lm", "pretrain", "--corpus", "corpus.txt", "--out", "base", "--preset", "1m", "--budget", "0.5");
                lm.AddCommand<LmCorpusCommand>("corpus")
                    .WithDescription("Write a seeded corpus of generated text (arithmetic, facts, lists), documents separated by blank lines.")
                    .WithExample("lm", "corpus", "--docs", "20000", "--seed", "1", "--out", "corpus.txt");
            });
            config.AddCommand<SftCommand>("sft")
                .WithDescription("Supervised fine-tuning of a model directory on TRL-format JSON Lines (prompt-completion, messages or text).")
                .WithExample("sft", "--model", "base", "--data", "demos.jsonl", "--out", "sft-model");
            config.AddCommand<WorkerCommand>("worker")
                .WithDescription("Run queued trials of a study from a run store until none is left.");
        });
        return app.Run(TasksMakeSettings.NormalizeArguments(args));
    }

    // One line, no stack trace: the message names the option, file or line at fault.
    private static int Report(Exception exception, string[] args, TextWriter error)
    {
        switch (exception)
        {
            case CommandAppException when ConversionFailure(exception.Message, args) is { } message:
                error.WriteLine($"frugal: {message}");
                return BadInput;
            case CommandAppException or BadInputException:
                error.WriteLine($"frugal: {exception.Message}");
                return BadInput;
            case IOException or UnauthorizedAccessException:
                error.WriteLine($"frugal: {exception.Message}");
                return RunFailed;
            default:
                error.WriteLine($"frugal: unexpected error: {exception.GetType().Name}: {exception.Message}");
                return RunFailed;
        }
    }

    // Spectre says "Failed to convert 'abc' to Nullable`1." without naming the option: find it in the arguments.
    private static string? ConversionFailure(string message, string[] args)
    {
        var match = System.Text.RegularExpressions.Regex.Match(message, "^Failed to convert '(.*)' to (.*)\\.$");
        if (!match.Success) return null;
        var value = match.Groups[1].Value;
        var at = Array.IndexOf(args, value);
        var option = at > 0 && args[at - 1].StartsWith('-') ? args[at - 1] : "an option";
        return $"{option}: '{value}' is not a valid number";
    }
}
