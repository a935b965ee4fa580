using CsCheck;
using Frugal.Text;

namespace Frugal.Tests.Text;

public class ByteTokenizerTests
{
    private static readonly ByteTokenizer Tokenizer = ByteTokenizer.Instance;

    [Theory]
    [InlineData("")]
    [InlineData("Hello, world!\n\ttabs and newlines")]
    [InlineData("naïve café, Ελληνικά, 日本語")]
    [InlineData("emoji 😀👍🏽 and a family 👨‍👩‍👧")]
    [InlineData("<|user|> looks special but is text")]
    public void Round_trips_exactly(string text)
    {
        var ids = Tokenizer.Encode(text);
        Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(text), ids.Length);
        Assert.All(ids, id => Assert.InRange(id, 0, 255));
        Assert.Equal(text, Tokenizer.Decode(ids));
    }

    [Fact]
    public void Round_trips_any_well_formed_string()
    {
        // Any code point except the surrogate range, which on its own is not text.
        var codePoint = Gen.Int[0, 0x10FFFF].Where(c => c is < 0xD800 or > 0xDFFF);
        var text = codePoint.Array[0, 40].Select(cs => string.Concat(cs.Select(char.ConvertFromUtf32)));
        text.Sample(s => Tokenizer.Decode(Tokenizer.Encode(s)) == s, iter: 2000);
    }

    [Fact]
    public void Ascii_is_its_byte_values()
    {
        Assert.Equal([72, 105, 33], Tokenizer.Encode("Hi!"));
        Assert.Equal([0xF0, 0x9F, 0x98, 0x80], Tokenizer.Encode("😀"));
    }

    [Fact]
    public void Special_ids_follow_the_bytes_and_count_in_the_vocabulary()
    {
        Assert.Equal((256, 257, 258), (Tokenizer.Bos, Tokenizer.Eos, Tokenizer.Pad));
        Assert.Equal(
            [256, 257, 258, 259, 260, 261, 262],
            Enum.GetValues<SpecialToken>().Select(Tokenizer.SpecialId));
        Assert.Equal(263, Tokenizer.VocabSize);
        Assert.Equal("byte", Tokenizer.Kind);
    }

    [Fact]
    public void Literal_marker_text_is_bytes_never_a_special_id()
    {
        var ids = Tokenizer.Encode("<|user|><|end|><|eos|>");
        Assert.Equal(22, ids.Length);
        Assert.All(ids, id => Assert.InRange(id, 0, 255));
    }

    [Fact]
    public void Decodes_special_ids_as_their_names_unless_skipped()
    {
        int[] ids = [Tokenizer.Bos, 'h', 'i', Tokenizer.SpecialId(SpecialToken.End), Tokenizer.Eos];
        Assert.Equal("<|bos|>hi<|end|><|eos|>", Tokenizer.Decode(ids));
        Assert.Equal("hi", Tokenizer.Decode(ids, skipSpecial: true));
    }

    [Fact]
    public void Invalid_utf8_decodes_to_replacement_characters_without_throwing()
    {
        Assert.Equal("a\uFFFDb", Tokenizer.Decode([97, 0xFF, 98]));
        // The first two bytes of 😀 then a special token: the cut character is replaced, the rest survives.
        Assert.Equal("\uFFFD<|eos|>ok", Tokenizer.Decode([0xF0, 0x9F, Tokenizer.Eos, 'o', 'k']));
    }

    [Fact]
    public void Ids_outside_the_vocabulary_are_a_bug_not_text()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Tokenizer.Decode([263]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Tokenizer.Decode([-1]));
    }
}
