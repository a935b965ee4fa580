using Frugal.Text;

namespace Frugal.Alignment;

/// <summary>Tokenized preference pairs and, when precomputed or carried by the data, the reference's scores of them.</summary>
public sealed record DpoData(IReadOnlyList<PreferenceTokens> Pairs, ReferenceScores? Reference = null)
{
    public int Count => Pairs.Count;
}
