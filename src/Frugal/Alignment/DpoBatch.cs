using Frugal.Models;
using Frugal.Text;
using static TorchSharp.torch;

namespace Frugal.Alignment;

/// <summary>
/// Preference pairs as one right-padded batch [chosen; rejected] (2B, T), as TRL's concatenated_forward
/// builds it: one forward of the policy scores both answers of every pair, then the rows are split. Right
/// padding leaves every real token's causal prefix and position unchanged, so each row scores as it would alone.
/// </summary>
/// <param name="Ids">Prompt then answer, padded with the tokenizer's pad id, (2B, T), long.</param>
/// <param name="CompletionMask">True on answer tokens, (2B, T), bool.</param>
/// <param name="Pairs">B: rows [0, B) are the chosen answers, [B, 2B) the rejected ones.</param>
public sealed record DpoBatch(Tensor Ids, Tensor CompletionMask, int Pairs) : IPreferenceBatch
{
    public static DpoBatch Concatenate(IReadOnlyList<PreferenceTokens> pairs, int padId)
    {
        ArgumentOutOfRangeException.ThrowIfZero(pairs.Count);
        var rows = pairs.Select(p => (p.Prompt, p.Chosen)).Concat(pairs.Select(p => (p.Prompt, p.Rejected))).ToList();
        var (ids, mask) = Pad(rows, padId);
        return new DpoBatch(ids, mask, pairs.Count);
    }

    /// <summary>Prompt ++ answer rows, right-padded to the longest: ids (N, T) and the answer mask (N, T).</summary>
    public static (Tensor Ids, Tensor CompletionMask) Pad(IReadOnlyList<(int[] Prompt, int[] Answer)> rows, int padId)
    {
        var width = Math.Max(2, rows.Max(r => r.Prompt.Length + r.Answer.Length));
        var ids = new long[rows.Count * width];
        var mask = new bool[rows.Count * width];
        Array.Fill(ids, padId);
        for (var r = 0; r < rows.Count; r++)
        {
            var (prompt, answer) = rows[r];
            var row = r * width;
            for (var i = 0; i < prompt.Length; i++) ids[row + i] = prompt[i];
            for (var i = 0; i < answer.Length; i++)
            {
                ids[row + prompt.Length + i] = answer[i];
                mask[row + prompt.Length + i] = true;
            }
        }
        return (tensor(ids, new long[] { rows.Count, width }), tensor(mask, new long[] { rows.Count, width }));
    }

    /// <summary>One forward over all 2B rows: the chosen answers' scores and the rejected answers'.</summary>
    public (SequenceScores Chosen, SequenceScores Rejected) Score(Gpt model)
    {
        var scores = SequenceLogProbs.Compute(model, Ids, CompletionMask);
        return (scores.Rows(0, Pairs), scores.Rows(Pairs, Pairs));
    }

    public void Dispose()
    {
        Ids.Dispose();
        CompletionMask.Dispose();
    }
}
