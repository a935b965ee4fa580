namespace Frugal.Text;

/// <summary>
/// Packs language-modelling documents into fixed-length blocks for pretraining: the documents' ids joined in
/// order, each followed by &lt;|eos|&gt;, cut into blocks of <c>length + 1</c> ids (inputs <c>block[..^1]</c>,
/// targets <c>block[1..]</c>). Consecutive blocks share one id, the last target of one being the first input
/// of the next, so every id after the first is a target exactly once. The tail too short for a block is dropped.
/// </summary>
public static class Packing
{
    public static int[][] Pack(IEnumerable<string> documents, ITokenizer tokenizer, int length) =>
        Pack(documents.Select(tokenizer.Encode), tokenizer.Eos, length);

    public static int[][] Pack(IEnumerable<int[]> documents, int eos, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        var stream = new List<int>();
        foreach (var document in documents)
        {
            stream.AddRange(document);
            stream.Add(eos);
        }
        var blocks = new int[stream.Count <= length ? 0 : (stream.Count - 1) / length][];
        for (var b = 0; b < blocks.Length; b++) blocks[b] = stream.GetRange(b * length, length + 1).ToArray();
        return blocks;
    }
}
