namespace Frugal.Data;

/// <summary>Short ordered lists a model can learn to continue: counting by a step, runs of letters, weekdays, months.</summary>
public sealed class CorpusLists : ICorpusSource
{
    private static readonly string[] Weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
    private static readonly string[] Months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    public string Document(CorpusRandom random) =>
        string.Join('\n', Enumerable.Range(0, random.Between(1, 3)).Select(_ => List(random)));

    private static string List(CorpusRandom random)
    {
        switch (random.Next(4))
        {
            case 0:
                {
                    var (start, step, count) = (random.Between(0, 50), random.Between(1, 10), random.Between(4, 8));
                    return $"Counting by {step} from {start}: {string.Join(", ", Enumerable.Range(0, count).Select(i => start + i * step))}.";
                }
            case 1:
                {
                    var (start, count) = (random.Between(0, 19), random.Between(4, 7));
                    return $"Letters from {(char)('a' + start)}: {string.Join(" ", Enumerable.Range(start, count).Select(i => (char)('a' + i)))}.";
                }
            case 2:
                return Cycle(random, "Days of the week from", Weekdays);
            default:
                return Cycle(random, "Months from", Months);
        }
    }

    /// <summary>"HEAD FIRST: FIRST, NEXT, ..." with 3 to 5 consecutive names, wrapping round.</summary>
    private static string Cycle(CorpusRandom random, string head, string[] items)
    {
        var (start, count) = (random.Next(items.Length), random.Between(3, 5));
        return $"{head} {items[start]}: {string.Join(", ", Enumerable.Range(start, count).Select(i => items[i % items.Length]))}.";
    }
}
