using Frugal.Text;

namespace Frugal.Tests.Text;

public class PackingTests
{
    private const int Eos = 257;

    [Fact]
    public void Joins_documents_with_eos_and_cuts_overlapping_blocks_of_length_plus_one()
    {
        var blocks = Packing.Pack(["ab", "cde", "f"], ByteTokenizer.Instance, length: 3);
        // Stream: a b EOS c d e EOS f EOS (9 ids) -> blocks start at 0, 3, and 6 would need index 9: two blocks.
        Assert.Equal(2, blocks.Length);
        Assert.Equal(['a', 'b', Eos, 'c'], blocks[0]);
        Assert.Equal(['c', 'd', 'e', Eos], blocks[1]);
        Assert.All(blocks, b => Assert.Equal(4, b.Length));
    }

    [Fact]
    public void Every_id_after_the_first_is_a_target_once()
    {
        int[][] documents = [.. Enumerable.Range(0, 20).Select(d => Enumerable.Range(0, d % 7 + 1).Select(i => d * 10 + i).ToArray())];
        int[] stream = [.. documents.SelectMany(d => d.Append(Eos))];
        var blocks = Packing.Pack(documents, Eos, length: 5);
        Assert.Equal((stream.Length - 1) / 5, blocks.Length);
        int[] targets = [.. blocks.SelectMany(b => b[1..])];
        Assert.Equal(stream[1..(targets.Length + 1)], targets);
        Assert.Equal(documents.Length, stream.Count(id => id == Eos));
    }

    [Fact]
    public void Too_little_text_gives_no_block_and_packing_is_deterministic()
    {
        Assert.Empty(Packing.Pack(["abc"], ByteTokenizer.Instance, length: 4));
        Assert.Single(Packing.Pack(["abcd"], ByteTokenizer.Instance, length: 4));
        string[] texts = ["one doc", "another, longer document", "x"];
        Assert.Equal(Packing.Pack(texts, ByteTokenizer.Instance, 6), Packing.Pack(texts, ByteTokenizer.Instance, 6));
    }
}
