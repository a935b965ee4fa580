namespace Frugal.Text;

/// <summary>
/// One SFT sequence: the prompt's ids then the completion's (ending with &lt;|end|&gt; or &lt;|eos|&gt;), and
/// <c>LossMask[i]</c> = whether predicting <c>Ids[i]</c> from <c>Ids[..i]</c> counts in the loss. The trainer
/// shifts: inputs <c>Ids[..^1]</c>, targets <c>Ids[1..]</c>, mask <c>LossMask[1..]</c>.
/// </summary>
public sealed record SftTokens(int[] Ids, bool[] LossMask, int PromptLength)
{
    public int Length => Ids.Length;

    public int LossTokens => LossMask.Count(m => m);
}
