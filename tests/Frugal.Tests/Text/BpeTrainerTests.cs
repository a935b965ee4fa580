using Frugal.Text;

namespace Frugal.Tests.Text;

public class BpeTrainerTests
{
    [Fact]
    public void Learns_the_hand_computed_merges_and_stops_when_no_pair_is_left()
    {
        // Words "abab" and " abab": (a,b) occurs 4 times -> "ab" (256); then (ab,ab) twice -> "abab" (257);
        // then (" ",abab) once -> " abab" (258); then every word is one token and training stops short of 300.
        var bpe = BpeTrainer.Train(["abab abab"], 300);
        Assert.Equal([("a", "b"), ("ab", "ab"), ("Ġ", "abab")], bpe.Merges);
        Assert.Equal(["ab", "abab", "Ġabab"], bpe.Vocabulary.Skip(256));
        Assert.Equal(259, bpe.LearnedSize);
        Assert.Equal(259 + 7, bpe.VocabSize);
        Assert.Equal([257, 258], bpe.Encode("abab abab"));
    }

    [Fact]
    public void Ties_go_to_the_pair_with_the_smallest_ids()
    {
        // Every pair of "ab" and " cd" occurs once: (' ', 'c') = (32, 99) first, then (97, 98), then (256, 'd').
        var bpe = BpeTrainer.Train(["ab cd"], 300);
        Assert.Equal([("Ġ", "c"), ("a", "b"), ("Ġc", "d")], bpe.Merges);
    }

    [Fact]
    public void Stops_at_the_vocabulary_size()
    {
        var bpe = BpeTrainer.Train(["abab abab"], 257);
        Assert.Equal([("a", "b")], bpe.Merges);
        Assert.Equal(257, bpe.SpecialId(SpecialToken.Bos));
        Assert.Equal([256, 256, 32, 256, 256], bpe.Encode("abab abab"));
    }

    [Fact]
    public void Same_documents_in_any_order_give_the_same_tokenizer()
    {
        var documents = Corpus();
        var a = BpeTrainer.Train(documents, 400);
        var b = BpeTrainer.Train(documents, 400);
        var shuffled = BpeTrainer.Train(documents.AsEnumerable().Reverse(), 400);
        Assert.Equal(400, a.LearnedSize);
        Assert.Equal(a.Vocabulary, b.Vocabulary);
        Assert.Equal(a.Merges, b.Merges);
        Assert.Equal(a.Vocabulary, shuffled.Vocabulary);
        Assert.Equal(a.Merges, shuffled.Merges);
    }

    internal static string[] Corpus() =>
    [
        .. Enumerable.Range(0, 40).Select(i =>
            $"The cat number {i} sat on the mat, and the dog didn't. Über café naïve — 日本語のテキスト {i * 7} 🙂🙂\n  indented line"),
    ];
}
