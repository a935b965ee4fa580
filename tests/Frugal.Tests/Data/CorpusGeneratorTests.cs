using System.Text.RegularExpressions;
using Frugal.Data;
using Frugal.Training;

namespace Frugal.Tests.Data;

public partial class CorpusGeneratorTests
{
    [Fact]
    public void The_same_seed_gives_the_same_corpus_and_another_seed_another()
    {
        var a = CorpusGenerator.Documents(200, seed: 7).ToList();
        var b = CorpusGenerator.Documents(200, seed: 7).ToList();
        var c = CorpusGenerator.Documents(200, seed: 8).ToList();
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        // Document i depends on (seed, i) only: a shorter corpus is a prefix of a longer one.
        Assert.Equal(a.Take(50), CorpusGenerator.Documents(50, seed: 7));
    }

    [Fact]
    public void Every_kind_appears_and_documents_hold_no_blank_line()
    {
        var documents = CorpusGenerator.Documents(300, seed: 1).ToList();
        Assert.All(documents, d => Assert.DoesNotContain(d.Split('\n'), string.IsNullOrWhiteSpace));
        Assert.Contains(documents, d => EquationLine().IsMatch(d));
        Assert.Contains(documents, d => d.Contains("is a town in") || d.Contains("lies in"));
        Assert.Contains(documents, d => d.StartsWith("Counting by") || d.StartsWith("Letters from") || d.StartsWith("Days of") || d.StartsWith("Months from"));
    }

    [Fact]
    public void Equations_are_correct()
    {
        var lines = CorpusGenerator.Documents(400, seed: 2, [CorpusKind.Arithmetic]).SelectMany(d => d.Split('\n')).ToList();
        var equations = lines.Select(l => EquationLine().Match(l)).Where(m => m.Success).ToList();
        Assert.True(equations.Count > 500, $"{equations.Count} equations");
        foreach (var m in equations)
        {
            var (a, b, result) = (int.Parse(m.Groups[1].Value), int.Parse(m.Groups[3].Value), int.Parse(m.Groups[4].Value));
            var expected = m.Groups[2].Value switch { "+" => a + b, "-" => a - b, "*" => a * b, _ => a / b };
            Assert.Equal(expected, result);
            if (m.Groups[2].Value == "/") Assert.Equal(0, a % b);
        }
    }

    [Fact]
    public void A_town_has_the_same_population_in_every_document()
    {
        var populations = new Dictionary<string, HashSet<int>>();
        foreach (var document in CorpusGenerator.Documents(600, seed: 3, [CorpusKind.Facts]))
        {
            foreach (Match m in Population().Matches(document))
            {
                var (town, people) = (m.Groups[2].Success ? m.Groups[2].Value : m.Groups[3].Value, int.Parse(m.Groups[1].Success ? m.Groups[1].Value : m.Groups[4].Value));
                populations.TryAdd(town, []);
                populations[town].Add(people);
            }
        }
        Assert.True(populations.Count > 10, $"{populations.Count} towns");
        Assert.All(populations, p => Assert.Single(p.Value));
    }

    [Fact]
    public void A_written_corpus_reads_back_as_the_same_documents()
    {
        var path = Path.Combine(Path.GetTempPath(), $"frugal-corpus-{Guid.NewGuid():N}.txt");
        try
        {
            var documents = CorpusGenerator.Documents(100, seed: 4).ToList();
            CorpusGenerator.Write(path, documents);
            Assert.Equal(documents, PretrainCorpus.Read(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [GeneratedRegex(@"^(\d+) ([-+*/]) (\d+) = (\d+)$", RegexOptions.Multiline)]
    private static partial Regex EquationLine();

    [GeneratedRegex(@"About (\d+) people live in (\w+)\.|(\w+) has a population of about (\d+)\.")]
    private static partial Regex Population();
}
