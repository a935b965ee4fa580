using System.Globalization;

namespace Frugal.Data.Tasks;

/// <summary>One arithmetic step of a word problem: <c>Left Op Operand = Result</c>.</summary>
public sealed record MathStep(int Left, char Op, int Operand, int Result)
{
    public string Equation => string.Create(CultureInfo.InvariantCulture, $"{Left} {Op} {Operand} = {Result}");

    public static int Apply(int left, char op, int operand) => op switch
    {
        '+' => left + operand,
        '-' => left - operand,
        '*' => left * operand,
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, null),
    };

    /// <summary>Whether writing this step by hand carries (addition) or borrows (subtraction) in the units.</summary>
    public bool Carries => Op switch
    {
        '+' => Left % 10 + Operand % 10 >= 10,
        '-' => Left % 10 < Operand % 10,
        _ => false,
    };
}

/// <summary>
/// A word problem: someone starts with an amount of things and 2-4 events change it. The story, the steps
/// and the answer come from one chain of operations, so they always agree.
/// </summary>
public sealed record MathProblem(string Name, string Things, int Start, IReadOnlyList<MathStep> Steps, IReadOnlyList<string> Sentences)
{
    private static readonly string[] Names = ["Mia", "Tom", "Ava", "Leo", "Zoe", "Sam", "Ben", "Eva", "Max", "Ida", "Noah", "Lily"];
    private static readonly string[] ThingsList = ["apples", "pens", "books", "stamps", "cards", "shells", "coins", "marbles", "eggs", "stickers"];
    private static readonly string[] AddVerbs = ["buys", "gets", "finds", "is given", "picks up"];
    private static readonly string[] SubVerbs = ["gives away", "sells", "loses", "uses", "eats"];

    public int Answer => Steps[^1].Result;

    /// <summary>The problem as the prompt states it, one sentence per event, then the question.</summary>
    public string Text => string.Join(" ", Sentences) + $" How many {Things} does {Name} have now?";

    public static MathProblem Generate(TaskRandom random, MathDifficulty difficulty)
    {
        var name = random.Pick(Names);
        var things = random.Pick(ThingsList);
        var start = random.Next(2, difficulty.MaxOperand);
        var sentences = new List<string> { $"{name} has {start} {things}." };
        var steps = new List<MathStep>();
        var value = start;
        var count = random.Next(difficulty.MinSteps, difficulty.MaxSteps);
        for (var i = 0; i < count; i++)
        {
            var step = Step(random, difficulty, value);
            steps.Add(step);
            sentences.Add(step.Op switch
            {
                '+' => $"{name} {random.Pick(AddVerbs)} {step.Operand} more.",
                '-' => $"{name} {random.Pick(SubVerbs)} {step.Operand}.",
                _ => $"{name} ends up with {step.Operand} times as many.",
            });
            value = step.Result;
        }
        return new MathProblem(name, things, start, steps, sentences);
    }

    /// <summary>The next step from <paramref name="value"/>: every result stays within 1..MaxValue.</summary>
    public static MathStep Step(TaskRandom random, MathDifficulty difficulty, int value)
    {
        var (op, operand) = NextOperation(random, difficulty, value);
        return new MathStep(value, op, operand, MathStep.Apply(value, op, operand));
    }

    private static (char Op, int Operand) NextOperation(TaskRandom random, MathDifficulty difficulty, int value)
    {
        var canMultiply = difficulty.MaxFactor >= 2 && value >= 2 && value * 2 <= difficulty.MaxValue;
        if (canMultiply && random.Chance(difficulty.MultiplyShare))
            return ('*', random.Next(2, Math.Min(difficulty.MaxFactor, difficulty.MaxValue / value)));
        var canAdd = value < difficulty.MaxValue;
        var canSubtract = value >= 2;
        if (canSubtract && (!canAdd || random.Chance(0.5)))
            return ('-', random.Next(1, Math.Min(difficulty.MaxOperand, value - 1)));
        return ('+', random.Next(1, Math.Min(difficulty.MaxOperand, difficulty.MaxValue - value)));
    }
}
