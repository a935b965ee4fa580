using static TorchSharp.torch;

namespace Frugal.Models;

/// <summary>Picks the next token from one position's logits: greedy, or temperature and nucleus sampling.</summary>
public static class GptSampling
{
    /// <summary>logits (V) -> a token id; draws come only from <paramref name="generator"/>.</summary>
    public static int Next(Tensor logits, GptGenerationOptions options, Generator generator)
    {
        using var scope = NewDisposeScope();
        if (options.Temperature == 0) return (int)logits.argmax().item<long>();
        var probabilities = nn.functional.softmax(logits.to(ScalarType.Float32) / options.Temperature, -1);  // (V)
        if (options.TopP < 1) probabilities = Nucleus(probabilities, options.TopP);
        return (int)probabilities.multinomial(1, generator: generator).item<long>();
    }

    /// <summary>
    /// Probabilities (V) restricted to the nucleus and renormalised: the most likely tokens in order until
    /// their mass reaches p. A token is dropped when the mass before it already reaches p, so the most
    /// likely token always stays and p -> 0 becomes greedy.
    /// </summary>
    public static Tensor Nucleus(Tensor probabilities, double p)
    {
        var (sorted, order) = probabilities.sort(-1, descending: true);  // (V) each
        var massBefore = sorted.cumsum(-1) - sorted;                      // (V)
        var kept = sorted.masked_fill(massBefore >= p, 0);               // (V)
        var nucleus = zeros_like(probabilities).scatter(-1, order, kept); // (V), back in token order
        return nucleus / nucleus.sum();
    }
}
