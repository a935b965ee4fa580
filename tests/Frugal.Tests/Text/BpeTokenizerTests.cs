using Frugal.Text;

namespace Frugal.Tests.Text;

public class BpeTokenizerTests
{
    private static readonly BpeTokenizer Tokenizer = BpeTrainer.Train(BpeTrainerTests.Corpus(), 400);

    [Theory]
    [InlineData("")]
    [InlineData("The cat sat on the mat.")]
    [InlineData("  leading and trailing spaces  \n\n\ttabs")]
    [InlineData("Über café naïve — 日本語のテキスト 🙂 and 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 never seen in training")]
    [InlineData("digits 0123456789 and symbols !@#$%^&*()_+{}|:\"<>?~`")]
    public void Round_trips_text_exactly(string text)
    {
        var ids = Tokenizer.Encode(text);
        Assert.All(ids, id => Assert.InRange(id, 0, Tokenizer.LearnedSize - 1));
        Assert.Equal(text, Tokenizer.Decode(ids));
    }

    [Fact]
    public void Merges_shorten_text_like_the_training_documents()
    {
        var text = "The cat number 3 sat on the mat, and the dog didn't.";
        Assert.True(Tokenizer.Encode(text).Length < System.Text.Encoding.UTF8.GetByteCount(text) / 2);
    }

    [Fact]
    public void Special_token_strings_in_text_stay_text()
    {
        var text = "<|user|>hi<|end|><|assistant|>";
        var ids = Tokenizer.Encode(text);
        Assert.DoesNotContain(ids, id => id >= Tokenizer.LearnedSize);
        Assert.Equal(text, Tokenizer.Decode(ids));
    }

    [Fact]
    public void Special_ids_follow_the_learned_vocabulary_and_decode_to_their_names()
    {
        Assert.Equal(400, Tokenizer.Bos);
        Assert.Equal(401, Tokenizer.Eos);
        Assert.Equal(402, Tokenizer.Pad);
        Assert.Equal(407, Tokenizer.VocabSize);
        int[] ids = [Tokenizer.SpecialId(SpecialToken.User), .. Tokenizer.Encode("héllo"), Tokenizer.SpecialId(SpecialToken.End)];
        Assert.Equal("<|user|>héllo<|end|>", Tokenizer.Decode(ids));
        Assert.Equal("héllo", Tokenizer.Decode(ids, skipSpecial: true));
        Assert.Throws<ArgumentOutOfRangeException>(() => Tokenizer.Decode([407]));
    }

    [Fact]
    public void A_character_cut_by_a_special_token_decodes_as_replacement()
    {
        var e = System.Text.Encoding.UTF8.GetBytes("é");
        Assert.Equal("\uFFFD<|eos|>\uFFFD", Tokenizer.Decode([e[0], Tokenizer.Eos, e[1]]));
    }
}
