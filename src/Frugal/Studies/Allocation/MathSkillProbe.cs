using System.Globalization;
using System.Text.RegularExpressions;
using Frugal.Data.Tasks;
using Frugal.Evaluation;
using Frugal.Text;
using EvalItem = Frugal.Data.Tasks.EvalItem;

namespace Frugal.Studies.Allocation;

/// <summary>
/// Whether a base model has the math task's raw skill before any SFT (issue 5, "Calibrate before you sweep"):
/// it completes drilled equations ("17 + 5 =") with the right number, and continuing a problem's text as the
/// pretraining prose does, it states the right answer before its line ends. Without both, a study measures nothing.
/// </summary>
public static partial class MathSkillProbe
{
    public const string EquationCompletion = "equation_completion";

    /// <summary>The same drills after another drill's line, as every drill but the first stands in the raw text.</summary>
    public const string EquationCompletionInText = "equation_completion_in_text";

    public const string AnswerAnywhere = "answer_anywhere";

    public static Dictionary<string, double> Run(LanguageModel model, MathTask task, IReadOnlyList<EvalItem> problems, int equations, int seed)
    {
        var greedy = new SamplingOptions { MaxNewTokens = 6 };
        var right = 0;
        var rightInText = 0;
        for (var i = 0; i < equations; i++)
        {
            var random = TaskRandom.For(TaskKind.Math, TaskDataKind.Eval, seed + 7919, i);
            var step = task.Drill(random);
            var prompt = string.Create(CultureInfo.InvariantCulture, $"{step.Left} {step.Op} {step.Operand} =");
            if (FirstNumber(model.Complete(new Passage.Plain(prompt), greedy).Text) == step.Result) right++;
            var inText = $"{task.Drill(random).Equation}\n{prompt}";
            if (FirstNumber(model.Complete(new Passage.Plain(inText), greedy).Text) == step.Result) rightInText++;
        }

        var prose = new SamplingOptions { MaxNewTokens = 96 };
        var stated = 0;
        foreach (var problem in problems)
        {
            var text = model.Complete(new Passage.Plain(problem.Prompt.TrimEnd('\n')), prose).Text;
            if (StatesAnswer(text, problem.Field(MathTask.AnswerField))) stated++;
        }
        return new Dictionary<string, double>
        {
            [EquationCompletion] = equations == 0 ? double.NaN : (double)right / equations,
            [EquationCompletionInText] = equations == 0 ? double.NaN : (double)rightInText / equations,
            [AnswerAnywhere] = problems.Count == 0 ? double.NaN : (double)stated / problems.Count,
        };
    }

    /// <summary>
    /// Whether the continuation states the answer on the problem's own line: the drills after it hold so many
    /// numbers that any answer would turn up somewhere.
    /// </summary>
    public static bool StatesAnswer(string continuation, string answer) =>
        Numbers().Matches(continuation.Split('\n')[0]).Any(m => m.Value == answer);

    private static int? FirstNumber(string text)
    {
        var match = Numbers().Match(text);
        return match.Success && int.TryParse(match.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : null;
    }

    [GeneratedRegex(@"-?\d+")]
    private static partial Regex Numbers();
}
