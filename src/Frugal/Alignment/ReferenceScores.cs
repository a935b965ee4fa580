namespace Frugal.Alignment;

/// <summary>The reference model's summed log-probabilities of each pair's answers, in data order (TRL's ref_chosen_logps, ref_rejected_logps).</summary>
public sealed record ReferenceScores(double[] Chosen, double[] Rejected)
{
    public int Count => Chosen.Length;
}
