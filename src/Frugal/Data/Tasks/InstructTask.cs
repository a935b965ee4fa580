using System.Globalization;
using System.Text;
using Frugal.Schedules;

namespace Frugal.Data.Tasks;

/// <summary>
/// The IFEval analog: "Write about the sea." plus one to three verifiable instructions (word bounds, casing, a list
/// of exactly N items, a word to use or avoid, quotes or a closing phrase). The reference obeys every one; the
/// rejected answer breaks exactly one (its slip names which). Metric: instruction-level accuracy, every
/// constraint checked on its own (<see cref="Verdict.Checks"/>). Pretraining text is the topic's prose and lists
/// without any instruction, so a base model knows the words but not how to follow the instructions.
/// </summary>
public sealed class InstructTask : ITask
{
    public const string ConstraintsField = "constraints";

    private static readonly (string Name, string[] Nouns)[] Topics =
    [
        ("fruit", ["apple", "pear", "plum", "cherry", "lemon", "grape", "melon", "peach"]),
        ("the weather", ["rain", "wind", "cloud", "storm", "snow", "sun", "fog", "frost"]),
        ("the sea", ["wave", "boat", "shell", "fish", "sand", "tide", "gull", "rock"]),
        ("the forest", ["tree", "leaf", "moss", "fox", "owl", "path", "stream", "fern"]),
        ("the town", ["street", "shop", "bridge", "market", "tower", "bus", "park", "square"]),
    ];

    private static readonly string[] Adjectives = ["small", "bright", "quiet", "old", "green", "cold", "soft", "tall", "warm", "dark"];
    private static readonly string[] Verbs = ["sits", "rests", "waits", "shines", "moves", "stays"];
    private static readonly string[] Places = ["near", "under", "by", "beside", "behind"];
    private static readonly string[] Endings = ["That is all.", "The end.", "Thank you."];

    private enum Casing { Normal, Lower, Upper }

    /// <summary>An answer before casing and format: sentences or list items, lowercase, without final stops.</summary>
    private sealed record Plan(bool IsList, List<string> Units);

    public TaskKind Kind => TaskKind.Instruct;

    public IReadOnlyList<string> FieldNames { get; } = [ConstraintsField];

    public bool IsJudged => false;

    public TaskItem Generate(TaskRandom random)
    {
        var (topic, nouns) = random.Pick(Topics);
        var isList = random.Chance(0.4);
        var plan = new Plan(isList, [.. Enumerable.Range(0, random.Next(isList ? 2 : 1, isList ? 5 : 3)).Select(_ => Unit(random, nouns, isList, null))]);
        if (isList) plan = plan with { Units = [.. plan.Units.Distinct()] };
        var kinds = StatedKinds(random, isList);
        var casing = kinds.Contains(ConstraintKind.Lowercase) ? Casing.Lower : kinds.Contains(ConstraintKind.Uppercase) ? Casing.Upper : Casing.Normal;
        var ending = kinds.Contains(ConstraintKind.EndsWith) ? random.Pick(Endings) : null;
        var quoted = kinds.Contains(ConstraintKind.Quoted);
        var reference = Render(plan, casing, quoted, ending);

        var used = Words.Lower(reference);
        var words = used.Count;
        var present = nouns.Concat(Adjectives).Where(w => used.Contains(w)).ToList();
        var absent = nouns.Concat(Adjectives).Where(w => !used.Contains(w)).ToList();
        var constraints = kinds.Select(kind => kind switch
        {
            ConstraintKind.MaxWords => new InstructConstraint(kind, Number(words + random.Next(0, 5))),
            ConstraintKind.MinWords => new InstructConstraint(kind, Number(Math.Max(3, words - random.Next(0, 5)))),
            ConstraintKind.Items => new InstructConstraint(kind, Number(plan.Units.Count)),
            ConstraintKind.Include => new InstructConstraint(kind, random.Pick(present)),
            ConstraintKind.Exclude => new InstructConstraint(kind, random.Pick(absent)),
            ConstraintKind.EndsWith => new InstructConstraint(kind, ending!),
            _ => new InstructConstraint(kind),
        }).ToList();

        var prompt = new StringBuilder(isList ? $"List things about {topic}." : $"Write about {topic}.");
        foreach (var constraint in constraints) prompt.Append(' ').Append(constraint.Instruction);
        var fields = new Dictionary<string, string> { [ConstraintsField] = InstructConstraint.EncodeAll(constraints) };
        var eval = new EvalItem(prompt.Append('\n').ToString(), reference, fields);

        var broken = random.Pick(constraints);
        var rejected = Break(broken, plan, casing, quoted, ending, nouns, constraints, random);
        return new TaskItem(eval, rejected, broken.Kind.Name(), RawText(topic, nouns, random));
    }

    public Verdict Verify(EvalItem item, string completion) =>
        Verdict.Of([.. InstructConstraint.ParseAll(item.Field(ConstraintsField)).Select(c => c.Check(completion))]);

    public Preference Judge(EvalItem item, string a, string b) => Judges.ByChecks(Verify(item, a), Verify(item, b));

    /// <summary>One to three compatible instructions: one casing, one format, items only for lists, quotes and a lower word bound only for prose.</summary>
    private static List<ConstraintKind> StatedKinds(TaskRandom random, bool isList)
    {
        var pool = Enum.GetValues<ConstraintKind>()
            .Where(k => isList ? k is not (ConstraintKind.Quoted or ConstraintKind.MinWords) : k != ConstraintKind.Items)
            .ToList();
        var stated = new List<ConstraintKind>();
        foreach (var kind in random.Shuffle(pool))
        {
            if (stated.Count == 3 || (stated.Count > 0 && random.Chance(0.4))) break;
            var clashes = stated.Any(s => Group(s) is { } g && g == Group(kind));
            if (!clashes) stated.Add(kind);
        }
        return [.. stated.OrderBy(k => k)];
    }

    private static int? Group(ConstraintKind kind) => kind switch
    {
        ConstraintKind.Lowercase or ConstraintKind.Uppercase => 1,
        ConstraintKind.Quoted or ConstraintKind.EndsWith => 2,
        ConstraintKind.MaxWords or ConstraintKind.MinWords => 3,
        _ => null,
    };

    /// <summary>The reference with one instruction broken, the way a model plausibly breaks it.</summary>
    private static string Break(InstructConstraint broken, Plan plan, Casing casing, bool quoted, string? ending,
        string[] nouns, List<InstructConstraint> constraints, TaskRandom random)
    {
        var avoid = constraints.Where(c => c.Kind == ConstraintKind.Exclude).Select(c => c.Value).FirstOrDefault();
        var units = new List<string>(plan.Units);
        switch (broken.Kind)
        {
            case ConstraintKind.MaxWords:
                while (Words.Count(Render(plan with { Units = units }, casing, quoted, ending)) <= broken.Number)
                    units.Add(Unit(random, nouns, plan.IsList, avoid));
                break;
            case ConstraintKind.MinWords:
                var kept = string.Join(" ", string.Join(" ", units).Split(' ').Take(Math.Max(1, broken.Number - 1 - WordsOf(ending))));
                while (Words.Count(Render(plan with { Units = [kept] }, casing, quoted, ending)) >= broken.Number)
                    kept = string.Join(" ", kept.Split(' ').SkipLast(1));
                units = [kept];
                break;
            case ConstraintKind.Items:
                if (units.Count >= 2 && random.Chance(0.5)) units.RemoveAt(units.Count - 1);
                else units.Add(Unit(random, nouns, true, avoid));
                break;
            case ConstraintKind.Lowercase or ConstraintKind.Uppercase:
                casing = Casing.Normal;
                break;
            case ConstraintKind.Include:
                var other = nouns.Concat(Adjectives).Where(w => w != broken.Value && w != avoid && !units.Any(u => u.Split(' ').Contains(w))).ToList();
                var swap = random.Pick(other);
                units = [.. units.Select(u => string.Join(" ", u.Split(' ').Select(w => w == broken.Value ? swap : w)))];
                break;
            case ConstraintKind.Exclude:
                units[0] = $"{units[0]} and the {broken.Value}";
                break;
            case ConstraintKind.Quoted:
                return Render(plan, casing, quoted: false, ending);
            case ConstraintKind.EndsWith:
                return Render(plan, casing, quoted, ending: null);
        }
        return Render(plan with { Units = units }, casing, quoted, ending);
    }

    private static int WordsOf(string? text) => text is null ? 0 : Words.Count(text);

    private static string Unit(TaskRandom random, string[] nouns, bool isList, string? avoid)
    {
        string Noun() => random.Pick(nouns.Where(n => n != avoid).ToList());
        string Adjective() => random.Pick(Adjectives.Where(a => a != avoid).ToList());
        if (isList) return random.Chance(0.5) ? Noun() : $"{Adjective()} {Noun()}";
        return random.Chance(0.4)
            ? $"the {Noun()} is {Adjective()}"
            : $"the {Adjective()} {Noun()} {random.Pick(Verbs)} {random.Pick(Places)} the {Noun()}";
    }

    private static string Render(Plan plan, Casing casing, bool quoted, string? ending)
    {
        var lines = plan.IsList
            ? plan.Units.Select(u => InstructConstraint.ItemMarker + Words.Capitalize(u)).ToList()
            : [string.Join(" ", plan.Units.Select(u => Words.Capitalize(u) + "."))];
        if (ending is not null)
        {
            if (plan.IsList) lines.Add(ending);
            else lines[^1] += " " + ending;
        }
        var text = string.Join("\n", lines);
        text = casing switch
        {
            Casing.Lower => text.ToLowerInvariant(),
            Casing.Upper => text.ToUpperInvariant(),
            _ => text,
        };
        return quoted ? $"\"{text}\"" : text;
    }

    /// <summary>A few sentences and a short list on the topic, plainly written: vocabulary and shapes, no instructions.</summary>
    private static string RawText(string topic, string[] nouns, TaskRandom random)
    {
        var sentences = Enumerable.Range(0, random.Next(2, 4)).Select(_ => Words.Capitalize(Unit(random, nouns, false, null)) + ".");
        var items = Enumerable.Range(0, random.Next(2, 4)).Select(_ => Unit(random, nouns, true, null));
        return $"About {topic}. {string.Join(" ", sentences)} Some of them: {Words.JoinAnd([.. items])}.\n";
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
