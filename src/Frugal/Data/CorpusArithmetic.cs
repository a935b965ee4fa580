namespace Frugal.Data;

/// <summary>
/// Equations with correct results, "23 + 58 = 81", sometimes said in words ("The sum of 23 and 58 is 81."):
/// addition and subtraction up to 99, multiplication up to 12 x 12, division with no remainder.
/// </summary>
public sealed class CorpusArithmetic : ICorpusSource
{
    public string Document(CorpusRandom random) =>
        string.Join('\n', Enumerable.Range(0, random.Between(3, 6)).Select(_ => Line(random)));

    private static string Line(CorpusRandom random)
    {
        var (a, op, b, result) = Equation(random);
        if (!random.Chance(0.3)) return $"{a} {op} {b} = {result}";
        return op switch
        {
            '+' => $"The sum of {a} and {b} is {result}.",
            '-' => $"{a} minus {b} is {result}.",
            '*' => $"{a} times {b} is {result}.",
            _ => $"{a} divided by {b} is {result}.",
        };
    }

    public static (int A, char Op, int B, int Result) Equation(CorpusRandom random)
    {
        switch (random.Next(4))
        {
            case 0:
                {
                    var (a, b) = (random.Between(0, 99), random.Between(0, 99));
                    return (a, '+', b, a + b);
                }
            case 1:
                {
                    var (a, b) = (random.Between(0, 99), random.Between(0, 99));
                    return (Math.Max(a, b), '-', Math.Min(a, b), Math.Abs(a - b));
                }
            case 2:
                {
                    var (a, b) = (random.Between(2, 12), random.Between(2, 12));
                    return (a, '*', b, a * b);
                }
            default:
                {
                    var (b, q) = (random.Between(2, 12), random.Between(1, 12));
                    return (b * q, '/', b, q);
                }
        }
    }
}
