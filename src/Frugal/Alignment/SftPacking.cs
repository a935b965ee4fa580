using Frugal.Text;

namespace Frugal.Alignment;

/// <summary>
/// SFT packing (--packing): examples in data order joined into sequences of at most maxLength ids, a new
/// sequence started whenever the next example would not fit, so no example is split. Each keeps its loss
/// mask. Attention is causal across the join (TRL's padding-free packing resets positions, which needs
/// kernels TorchSharp lacks): a later example can see an earlier one, never the reverse.
/// </summary>
public static class SftPacking
{
    public static List<SftTokens> Pack(IEnumerable<SftTokens> examples, int maxLength)
    {
        var packed = new List<SftTokens>();
        var (ids, mask) = (new List<int>(), new List<bool>());
        foreach (var example in examples)
        {
            if (ids.Count > 0 && ids.Count + example.Length > maxLength) Flush();
            ids.AddRange(example.Ids);
            mask.AddRange(example.LossMask);
        }
        if (ids.Count > 0) Flush();
        return packed;

        void Flush()
        {
            packed.Add(new SftTokens([.. ids], [.. mask], 0));
            ids.Clear();
            mask.Clear();
        }
    }
}
