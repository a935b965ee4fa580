using Frugal.Models;
using Frugal.Text;
using static TorchSharp.torch;

namespace Frugal.Alignment;

/// <summary>
/// Preference pairs as one row each, prompt ++ chosen ++ rejected, so the prompt is computed once for both answers
/// instead of twice as in [chosen; rejected]. The attention mask makes the row a tree: prompt tokens are causal,
/// chosen tokens see the prompt and earlier chosen tokens, rejected tokens the prompt and earlier rejected tokens,
/// never the chosen ones; both answers take positions P, P+1, ... So every answer token sees exactly the tokens and
/// positions it sees in its own row, and scores as it would there. An answer's last token predicts nothing, so it is
/// not fed: a row holds prompt ++ chosen[..^1] ++ rejected[..^1], right-padded to the longest row.
/// </summary>
/// <param name="Ids">(B, T), long; the tokenizer's pad id after each row's end.</param>
/// <param name="Positions">(B, T), long: where each token stands in its own prompt ++ answer sequence; 0 on padding.</param>
/// <param name="AttentionMask">(B, 1, T, T), bool: query i sees key j. Padding sees only itself, so no softmax is empty.</param>
/// <param name="Predictors">(N), long: for each scored answer token, the flat index (row * T + column) of the input whose logits predict it.</param>
/// <param name="Targets">(N), long: the scored answer tokens.</param>
/// <param name="Sequences">(N), long: the sequence each scored token belongs to: pair b's chosen answer is b, its rejected answer B + b.</param>
public sealed record SharedPromptBatch(
    Tensor Ids, Tensor Positions, Tensor AttentionMask, Tensor Predictors, Tensor Targets, Tensor Sequences, int Pairs) : IPreferenceBatch
{
    private enum Segment : byte { Pad, Prompt, Chosen, Rejected }

    public static SharedPromptBatch Create(IReadOnlyList<PreferenceTokens> pairs, int padId)
    {
        ArgumentOutOfRangeException.ThrowIfZero(pairs.Count);
        var b = pairs.Count;
        var width = Math.Max(1, pairs.Max(p => p.Prompt.Length + Math.Max(0, p.Chosen.Length - 1) + Math.Max(0, p.Rejected.Length - 1)));
        var ids = new long[b * width];
        var positions = new long[b * width];
        var mask = new bool[b * width * width];
        var segments = new Segment[width];
        List<long> predictors = [], targets = [], sequences = [];
        Array.Fill(ids, padId);
        for (var r = 0; r < b; r++)
        {
            var (prompt, row, fed) = (pairs[r].Prompt, r * width, 0);
            Array.Fill(segments, Segment.Pad);
            void Feed(int id, int position, Segment segment)
            {
                ids[row + fed] = id;
                positions[row + fed] = position;
                segments[fed++] = segment;
            }
            void Branch(int[] answer, Segment segment, int sequence)
            {
                // The last prompt token predicts the first answer token of both branches; without a prompt the
                // first answer token has no prefix and is not scored, as in a row of its own.
                var previous = prompt.Length - 1;
                for (var k = 0; k < answer.Length; k++)
                {
                    if (previous >= 0)
                    {
                        predictors.Add(row + previous);
                        targets.Add(answer[k]);
                        sequences.Add(sequence);
                    }
                    if (k == answer.Length - 1) break;
                    previous = fed;
                    Feed(answer[k], prompt.Length + k, segment);
                }
            }
            for (var i = 0; i < prompt.Length; i++) Feed(prompt[i], i, Segment.Prompt);
            Branch(pairs[r].Chosen, Segment.Chosen, r);
            Branch(pairs[r].Rejected, Segment.Rejected, b + r);
            for (var i = 0; i < width; i++)
            {
                var query = (row + i) * width;
                for (var j = 0; j <= i; j++)
                    mask[query + j] = j == i || segments[i] != Segment.Pad && (segments[j] == Segment.Prompt || segments[j] == segments[i]);
            }
        }
        return new SharedPromptBatch(
            tensor(ids, new long[] { b, width }),
            tensor(positions, new long[] { b, width }),
            tensor(mask, new long[] { b, 1, width, width }),
            tensor(predictors.ToArray()),
            tensor(targets.ToArray()),
            tensor(sequences.ToArray()),
            b);
    }

    public (SequenceScores Chosen, SequenceScores Rejected) Score(Gpt model)
    {
        var logits = model.forward(Ids, Positions, AttentionMask, logitsAt: Predictors);  // (N, V)
        var scores = SequenceLogProbs.FromPredictions(logits, Targets, Sequences, 2 * Pairs);
        return (scores.Rows(0, Pairs), scores.Rows(Pairs, Pairs));
    }

    public void Dispose()
    {
        foreach (var t in new[] { Ids, Positions, AttentionMask, Predictors, Targets, Sequences }) t.Dispose();
    }
}
