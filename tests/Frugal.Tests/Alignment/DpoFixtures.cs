using System.Text.Json;
using Frugal.Models;
using Frugal.Text;
using static TorchSharp.torch;

namespace Frugal.Tests.Alignment;

/// <summary>Byte-level tiny GPTs, their model directories, and toy preference data where the chosen answer ends with "yes".</summary>
internal static class DpoFixtures
{
    public static GptConfig ByteGpt() => new() { VocabSize = ByteTokenizer.Instance.VocabSize, ContextLength = 48, Layers = 2, Heads = 2, Dim = 32 };

    private static readonly string[] Words = ["red", "blue", "cat", "dog", "sun", "moon", "tree", "fish", "rock", "star", "rain", "snow"];

    /// <summary>Pairs "q N WORD?" -> "WORD yes" (chosen) / "WORD no" (rejected), numbers from <paramref name="first"/>.</summary>
    public static IReadOnlyList<(string Prompt, string Chosen, string Rejected)> YesPairs(int count, int first = 0) =>
        [.. Enumerable.Range(first, count).Select(i =>
        {
            var word = Words[i * 7 % Words.Length];
            return ($"q {i} {word}?", $" {word} yes", $" {word} no");
        })];

    public static string WriteJsonl(string path, IEnumerable<(string Prompt, string Chosen, string Rejected)> pairs)
    {
        File.WriteAllLines(path, pairs.Select(p => JsonSerializer.Serialize(new { prompt = p.Prompt, chosen = p.Chosen, rejected = p.Rejected })));
        return path;
    }

    public static IReadOnlyList<PreferenceTokens> Tokenize(IEnumerable<(string Prompt, string Chosen, string Rejected)> pairs, int maxLength = 48)
    {
        var tokens = new TrainingTokenizer(ByteTokenizer.Instance, maxLength);
        return [.. pairs.Select(p => tokens.Preference(new PreferenceExample(new Passage.Plain(p.Prompt), new Passage.Plain(p.Chosen), new Passage.Plain(p.Rejected))))];
    }

    /// <summary>A fresh model directory (config, weights, tokenizer) from seed <paramref name="seed"/>.</summary>
    public static string SaveModel(string directory, long seed, GptConfig? config = null, ITokenizer? tokenizer = null)
    {
        manual_seed(seed);
        using var model = new Gpt(config ?? ByteGpt());
        ModelDirectory.Save(directory, model);
        TokenizerFiles.Write(directory, tokenizer ?? ByteTokenizer.Instance);
        return directory;
    }
}
