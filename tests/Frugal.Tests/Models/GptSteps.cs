using Frugal.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Frugal.Tests.Models;

/// <summary>Tiny GPTs, their loss, and a generation loop without a cache that the cached one must match.</summary>
internal static class GptSteps
{
    public static GptConfig Tiny(GptPositions positions = GptPositions.Rotary) => new()
    {
        VocabSize = 32,
        ContextLength = 16,
        Layers = 2,
        Heads = 2,
        Dim = 16,
        Positions = positions,
    };

    /// <summary>Mean next-token cross-entropy of a batch of sequences (B, T+1).</summary>
    public static Tensor Loss(Gpt model, Tensor sequences)
    {
        var t = sequences.shape[1] - 1;
        var logits = model.forward(sequences.narrow(1, 0, t));  // (B, T, V)
        return nn.functional.cross_entropy(logits.reshape(-1, logits.shape[^1]), sequences.narrow(1, 1, t).reshape(-1));
    }

    public static double Step(Gpt model, optim.Optimizer optimizer, Tensor sequences)
    {
        using var scope = NewDisposeScope();
        optimizer.zero_grad();
        var loss = Loss(model, sequences);
        loss.backward();
        optimizer.step();
        return loss.item<float>();
    }

    /// <summary>Greedy decoding that recomputes the whole (left-cropped) sequence for every token.</summary>
    public static int[] GreedyWithoutCache(Gpt model, int[] prompt, int count)
    {
        model.eval();
        using var noGrad = no_grad();
        var tokens = prompt.ToList();
        for (var i = 0; i < count; i++)
        {
            using var scope = NewDisposeScope();
            var window = tokens.Skip(Math.Max(0, tokens.Count - model.Config.ContextLength)).Select(id => (long)id).ToArray();
            var logits = model.forward(tensor(window).unsqueeze(0));  // (1, T, V)
            tokens.Add((int)logits[0, -1].argmax().item<long>());
        }
        return [.. tokens.Skip(prompt.Length)];
    }

    public static int[] RandomTokens(int count, int vocab, ulong seed)
    {
        using var generator = new Generator(seed);
        using var ids = randint(0, vocab, [count], generator: generator);
        return [.. ids.data<long>().Select(id => (int)id)];
    }
}
