namespace Frugal.Data;

/// <summary>
/// Templated sentences about a small generated world: towns (region, population, what they are known for, their
/// river) and people (home town, trade, age). The world is fixed by the seed, so every document that mentions
/// a town states the same facts about it: text a model can learn facts from, not just word patterns.
/// </summary>
public sealed class CorpusFacts : ICorpusSource
{
    private const ulong Purpose = 0x436F72705F576F72; // "Corp_Wor": the world's own stream

    private static readonly string[] Onsets = ["b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "dr", "kl", "st", "tr"];
    private static readonly string[] Vowels = ["a", "e", "i", "o", "u", "ai", "ei", "ou"];
    private static readonly string[] Codas = ["", "", "n", "r", "l", "s", "th", "m"];
    private static readonly string[] Goods = ["glass", "wool", "salt", "copper", "honey", "paper", "bells", "boats", "cheese", "silk", "clocks", "rope"];
    private static readonly string[] Trades = ["baker", "smith", "weaver", "teacher", "farmer", "sailor", "potter", "doctor", "miller", "painter"];

    private readonly Town[] towns;
    private readonly Person[] people;

    public CorpusFacts(int seed, int townCount = 40, int personCount = 60)
    {
        var random = CorpusRandom.For(Purpose, seed, 0);
        var names = new HashSet<string>();
        var regions = Enumerable.Range(0, 6).Select(_ => UniqueName(random, names)).ToArray();
        towns = [.. Enumerable.Range(0, townCount).Select(_ => new Town(UniqueName(random, names), random.Pick(regions),
            random.Between(2, 99) * 100, random.Pick(Goods), UniqueName(random, names)))];
        people = [.. Enumerable.Range(0, personCount).Select(_ => new Person(UniqueName(random, names), random.Pick(towns),
            random.Pick(Trades), random.Between(18, 80)))];
    }

    public string Document(CorpusRandom random)
    {
        var sentences = random.Chance(0.5) ? TownSentences(random.Pick(towns), random) : PersonSentences(random.Pick(people), random);
        // A few facts in a random order, each said one of two ways.
        var order = Enumerable.Range(0, sentences.Count).OrderBy(_ => random.Next(1 << 20)).Take(random.Between(2, sentences.Count));
        return string.Join(' ', order.Select(i => sentences[i]));
    }

    private static List<string> TownSentences(Town town, CorpusRandom random) =>
    [
        random.Chance(0.5) ? $"{town.Name} is a town in {town.Region}." : $"The town of {town.Name} lies in {town.Region}.",
        random.Chance(0.5) ? $"About {town.Population} people live in {town.Name}." : $"{town.Name} has a population of about {town.Population}.",
        random.Chance(0.5) ? $"{town.Name} is known for its {town.Goods}." : $"The {town.Goods} of {town.Name} is sold across {town.Region}.",
        random.Chance(0.5) ? $"The river {town.River} runs through {town.Name}." : $"{town.Name} stands on the river {town.River}.",
    ];

    private static List<string> PersonSentences(Person person, CorpusRandom random) =>
    [
        random.Chance(0.5) ? $"{person.Name} lives in {person.Home.Name}." : $"{person.Name} comes from the town of {person.Home.Name}.",
        random.Chance(0.5) ? $"{person.Name} works as a {person.Trade}." : $"By trade, {person.Name} is a {person.Trade}.",
        random.Chance(0.5) ? $"{person.Name} is {person.Age} years old." : $"{person.Name} is aged {person.Age}.",
    ];

    private static string UniqueName(CorpusRandom random, HashSet<string> taken)
    {
        while (true)
        {
            var syllables = Enumerable.Range(0, random.Between(2, 3)).Select(_ => random.Pick(Onsets) + random.Pick(Vowels) + random.Pick(Codas));
            var name = string.Concat(syllables);
            name = char.ToUpperInvariant(name[0]) + name[1..];
            if (taken.Add(name)) return name;
        }
    }

    private sealed record Town(string Name, string Region, int Population, string Goods, string River);

    private sealed record Person(string Name, Town Home, string Trade, int Age);
}
