using Frugal.Text;
using static TorchSharp.torch;

namespace Frugal.Training;

/// <summary>
/// A batch for next-token training, as flat row-major arrays of shape (B, T): row r holds sequence r's ids
/// <c>Ids[..^1]</c> as inputs and <c>Ids[1..]</c> as targets, a target being <see cref="Ignore"/> where its
/// <c>LossMask</c> is false; rows shorter than T are padded with the pad id (inputs) and <see cref="Ignore"/>
/// (targets). Arrays rather than tensors so the masking can be checked token by token without libtorch.
/// </summary>
public sealed record CausalLmBatch(long[] Inputs, long[] Targets, int Rows, int Length, long SequenceTokens)
{
    /// <summary>PyTorch's and TRL's ignore_index: targets with this value carry no loss.</summary>
    public const long Ignore = -100;

    /// <param name="sequences">Each at least two ids long: one input and one target.</param>
    public static CausalLmBatch Build(IReadOnlyList<SftTokens> sequences, int pad)
    {
        if (sequences.Count == 0) throw new ArgumentException("a batch needs at least one sequence", nameof(sequences));
        if (sequences.FirstOrDefault(s => s.Length < 2) is { } tooShort)
            throw new ArgumentException($"a sequence of {tooShort.Length} id(s) has no target", nameof(sequences));
        var length = sequences.Max(s => s.Length) - 1;
        var inputs = new long[sequences.Count * length];
        var targets = new long[inputs.Length];
        Array.Fill(inputs, pad);
        Array.Fill(targets, Ignore);
        long tokens = 0;
        for (var r = 0; r < sequences.Count; r++)
        {
            var (ids, mask) = (sequences[r].Ids, sequences[r].LossMask);
            var row = r * length;
            for (var i = 0; i < ids.Length - 1; i++)
            {
                inputs[row + i] = ids[i];
                targets[row + i] = mask[i + 1] ? ids[i + 1] : Ignore;
            }
            tokens += ids.Length;
        }
        return new CausalLmBatch(inputs, targets, sequences.Count, length, tokens);
    }

    /// <summary>Targets that count in the loss.</summary>
    public long LossTokens => Targets.LongCount(t => t != Ignore);

    /// <summary>Inputs and targets as int64 tensors (B, T), in the caller's dispose scope.</summary>
    public (Tensor Inputs, Tensor Targets) ToTensors() =>
        (tensor(Inputs).reshape(Rows, Length), tensor(Targets).reshape(Rows, Length));
}
