using System.Globalization;
using System.Text;

namespace Frugal.Data.Tasks;

/// <summary>
/// The helpfulness analog: a question about one or two attributes of one row of a small table (market produce,
/// town buildings), given as a table or as a paragraph. The reference answers in one sentence per attribute;
/// <see cref="FactJudge"/> wants it correct (the row's values), complete (every attribute asked) and free of
/// invented content; the metric is the win rate against the reference. Rejected answers take a value from another
/// row, leave an attribute out, or add an invented claim. Pretraining text shows the same rows as a table and as
/// prose, teaching the reading without the question-answer format.
/// </summary>
public sealed class HelpfulTask : ITask
{
    /// <summary>One attribute (numeric ranges disjoint within a domain, so a number names its column): its name in questions, its possible values, and how an answer states it ({0} the row, {1} the value).</summary>
    private sealed record Column(string Header, string Asked, string[] Values, string Sentence);

    /// <summary>A kind of table; <c>Article</c> goes before a row's name in a question ("of the library", "of pears").</summary>
    private sealed record Domain(string Title, string RowHeader, string Article, string[] Rows, Column[] Columns);

    private static readonly string[] Countries = ["Spain", "Italy", "Chile", "Peru", "Kenya", "Greece", "Egypt", "Brazil"];
    private static readonly string[] Streets = ["Mill Street", "Park Road", "High Street", "Church Lane", "River Road", "Station Road"];

    private static readonly Domain[] Domains =
    [
        new("Produce at the market", "item", "", ["apples", "pears", "plums", "lemons", "grapes", "melons", "peaches", "cherries"],
        [
            new("price", "the price", Range(1, 20), "{0} cost {1}."),
            new("stock", "the number in stock", Range(21, 60), "There are {1} {0} in stock."),
            new("origin", "the country of origin", Countries, "{0} come from {1}."),
        ]),
        new("Buildings in town", "building", "the ", ["library", "museum", "pool", "bakery", "cinema", "school", "post office", "gym"],
        [
            new("opens", "the opening hour", Range(6, 11), "The {0} opens at {1}."),
            new("floors", "the number of floors", Range(2, 5), "The {0} has {1} floors."),
            new("street", "the street", Streets, "The {0} is on {1}."),
        ]),
    ];

    private static readonly string[] Vocabulary = [.. Countries, .. Streets, .. Domains.SelectMany(d => d.Rows)];

    private readonly FactJudge judge = new(Vocabulary);

    public TaskKind Kind => TaskKind.Helpful;

    public IReadOnlyList<string> FieldNames => FactJudge.Fields;

    public bool IsJudged => true;

    public TaskItem Generate(TaskRandom random)
    {
        var domain = random.Pick(Domains);
        var rows = random.PickDistinct(domain.Rows, random.Next(3, 4));
        // Distinct values down each column, so a value from another row is always a wrong answer.
        var cells = domain.Columns.Select(c => random.PickDistinct(c.Values, rows.Count)).ToList();
        var row = random.Next(0, rows.Count - 1);
        var asked = random.PickDistinct([.. Enumerable.Range(0, domain.Columns.Length)], random.Next(1, 2)).Order().ToList();

        var asTable = random.Chance(0.5);
        var context = asTable ? Table(domain, rows, cells) : Prose(domain, rows, cells);
        var parts = asked.Select(c => domain.Columns[c].Asked).ToList();
        var question = $"What {(parts.Count == 1 ? "is" : "are")} {Words.JoinAnd(parts)} of {domain.Article}{rows[row]}?";
        var prompt = $"Answer the question using the {(asTable ? "table" : "text")}.\n{context}Question: {question}\n";

        var facts = asked.Select(c => cells[c][row]).ToList();
        // Column ranges are disjoint, but a value that answers the question is never counted wrong, whatever the ranges.
        var wrong = asked.SelectMany(c => cells[c].Where((_, r) => r != row)).Where(v => !facts.Contains(v)).Distinct().ToList();
        var reference = Answer(domain, rows[row], asked, c => cells[c][row]);
        var eval = new EvalItem(prompt, reference, FactJudge.FieldsFor(facts, wrong, reference, slack: 6));

        var slip = random.Next(0, 2);
        if (slip == 1 && asked.Count == 1) slip = 0;
        var (rejected, name) = slip switch
        {
            0 => WrongRow(domain, rows, cells, row, asked, random),
            1 => (Answer(domain, rows[row], [random.Pick(asked)], c => cells[c][row]), "incomplete"),
            _ => (reference + $" It also has {Fresh(prompt, random)} more coming tomorrow.", "invented"),
        };
        var raw = Table(domain, rows, cells) + Prose(domain, rows, cells);
        return new TaskItem(eval, rejected, name, raw);
    }

    public Verdict Verify(EvalItem item, string completion) => judge.Verify(item, completion);

    public Preference Judge(EvalItem item, string a, string b) => judge.Judge(item, a, b);

    private static (string, string) WrongRow(Domain domain, List<string> rows, List<List<string>> cells, int row, List<int> asked, TaskRandom random)
    {
        var column = random.Pick(asked);
        var other = random.Pick(Enumerable.Range(0, rows.Count).Where(r => r != row).ToList());
        return (Answer(domain, rows[row], asked, c => cells[c][c == column ? other : row]), "wrong-row");
    }

    private static string Answer(Domain domain, string row, IEnumerable<int> columns, Func<int, string> value) =>
        string.Join(" ", columns.Select(c => Words.Capitalize(string.Format(CultureInfo.InvariantCulture, domain.Columns[c].Sentence, row, value(c)))));

    private static string Table(Domain domain, List<string> rows, List<List<string>> cells)
    {
        var text = new StringBuilder($"{domain.Title}:\n| {domain.RowHeader} | {string.Join(" | ", domain.Columns.Select(c => c.Header))} |\n");
        for (var r = 0; r < rows.Count; r++)
            text.Append($"| {rows[r]} | {string.Join(" | ", cells.Select(column => column[r]))} |\n");
        return text.ToString();
    }

    private static string Prose(Domain domain, List<string> rows, List<List<string>> cells)
    {
        var sentences = Enumerable.Range(0, rows.Count)
            .Select(r => Answer(domain, rows[r], Enumerable.Range(0, domain.Columns.Length), c => cells[c][r]));
        return $"{domain.Title}. {string.Join(" ", sentences)}\n";
    }

    private static string Fresh(string prompt, TaskRandom random)
    {
        var used = Words.Lower(prompt);
        while (true)
        {
            var n = random.Next(2, 99).ToString(CultureInfo.InvariantCulture);
            if (!used.Contains(n)) return n;
        }
    }

    private static string[] Range(int from, int to) => [.. Enumerable.Range(from, to - from + 1).Select(i => i.ToString(CultureInfo.InvariantCulture))];
}
