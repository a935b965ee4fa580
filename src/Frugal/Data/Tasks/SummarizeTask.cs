using System.Globalization;

namespace Frugal.Data.Tasks;

/// <summary>
/// The TL;DR analog: a short notice-board post announcing an event, its key facts (what, which day, where, and
/// the time or the price) scattered among chatter and distractor sentences that mention other days, places,
/// events and prices. The reference summary states the key facts in one sentence; <see cref="FactJudge"/>
/// compares two summaries; the metric is the win rate against the reference. Rejected summaries miss a fact,
/// state a distractor, invent a fact or ramble past the length bar. Pretraining text is the posts alone.
/// </summary>
public sealed class SummarizeTask : ITask
{
    public static readonly string[] Events = ["plant sale", "book fair", "bake sale", "chess night", "film night", "quiz night", "yoga class", "craft fair"];
    public static readonly string[] Days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
    public static readonly string[] Places = ["town hall", "library", "school gym", "old mill", "church hall", "river cafe", "sports club", "community centre"];
    private static readonly string[] Clubs = ["garden club", "parents group", "youth club", "reading circle", "choir"];
    private static readonly string[] Greetings = ["Hi everyone!", "Hello neighbours.", "Quick news from the street.", "Good morning all."];
    private static readonly string[] Closings = ["Hope to see you there.", "Thanks for reading.", "Tell your friends.", "Bring a friend along."];

    private readonly FactJudge judge = new([.. Events, .. Days, .. Places]);

    public TaskKind Kind => TaskKind.Summarize;

    public IReadOnlyList<string> FieldNames => FactJudge.Fields;

    public bool IsJudged => true;

    public TaskItem Generate(TaskRandom random)
    {
        var events = random.PickDistinct(Events, 2);
        var days = random.PickDistinct(Days, 3);
        var places = random.PickDistinct(Places, 3);
        // 2..11: prices, and clock hours that read as afternoon times ("7 pm").
        var numbers = random.PickDistinct([.. Enumerable.Range(2, 10)], 3).Select(Number).ToList();
        var (what, day, place) = (events[0], days[0], places[0]);
        var byTime = random.Chance(0.5);
        var extra = byTime ? $"{numbers[0]} pm" : $"{numbers[0]} dollars";

        var facts = new List<string>
        {
            $"Our {what} is on {day} this week.",
            $"It takes place at the {place}.",
            byTime ? $"It starts at {extra}." : $"Tickets cost {extra}.",
        };
        var distractors = random.PickDistinct<(string Text, string[] Values)>(
        [
            ($"Last year it was on {days[1]} at the {places[1]}.", [days[1], places[1]]),
            ($"The {events[1]} is moving to {days[2]}.", [events[1], days[2]]),
            ($"A ticket for the {events[1]} costs {numbers[1]} dollars.", [events[1], numbers[1]]),
            ($"Parking at the {places[2]} is closed until {numbers[2]} pm.", [places[2], numbers[2]]),
        ], 2);
        var chatter = new List<string> { $"The {random.Pick(Clubs)} is organising it.", random.Pick(Closings) };

        var body = random.Shuffle([.. facts, .. distractors.Select(d => d.Text), chatter[0]]);
        var post = string.Join(" ", [random.Pick(Greetings), .. body, chatter[1]]);
        var prompt = $"Summarize this post in one short sentence.\n{post}\n";

        var keyFacts = new List<string> { what, day, place, extra };
        var wrong = distractors.SelectMany(d => d.Values).Distinct().ToList();
        var tail = byTime ? $"starting at {extra}" : $"tickets cost {extra}";
        var reference = $"The {what} is on {day} at the {place}, {tail}.";
        var eval = new EvalItem(prompt, reference, FactJudge.FieldsFor(keyFacts, wrong, reference, slack: 6));

        var usedNumbers = numbers.ToHashSet();
        var (rejected, slip) = random.Next(0, 3) switch
        {
            0 => (Drop(what, day, place, tail, random), "missing-fact"),
            1 => (Distract(reference, day, place, days, places, distractors[0].Text, random), "distractor"),
            2 => (reference + $" Children get in for {Fresh(usedNumbers, random)} dollars.", "invented"),
            _ => (Ramble(reference, chatter, Words.Count(reference) + 6), "too-long"),
        };
        return new TaskItem(eval, rejected, slip, post + "\n");
    }

    public Verdict Verify(EvalItem item, string completion) => judge.Verify(item, completion);

    public Preference Judge(EvalItem item, string a, string b) => judge.Judge(item, a, b);

    private static string Drop(string what, string day, string place, string tail, TaskRandom random) => random.Next(0, 2) switch
    {
        0 => $"The {what} is at the {place}, {tail}.",
        1 => $"The {what} is on {day}, {tail}.",
        _ => $"The {what} is on {day} at the {place}.",
    };

    /// <summary>The day or place swapped for the distractor's, or the distractor sentence copied in.</summary>
    private static string Distract(string reference, string day, string place, List<string> days, List<string> places, string distractor, TaskRandom random) =>
        random.Next(0, 2) switch
        {
            0 => reference.Replace(day, days[1], StringComparison.Ordinal),
            1 => reference.Replace($"the {place}", $"the {places[1]}", StringComparison.Ordinal),
            _ => $"{reference} {distractor}",
        };

    private static string Ramble(string reference, List<string> chatter, int maxWords)
    {
        var text = reference;
        var i = 0;
        while (Words.Count(text) <= maxWords) text += " " + chatter[i++ % chatter.Count];
        return text;
    }

    private static string Fresh(HashSet<string> used, TaskRandom random)
    {
        while (true)
        {
            var n = Number(random.Next(2, 40));
            if (!used.Contains(n)) return n;
        }
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
