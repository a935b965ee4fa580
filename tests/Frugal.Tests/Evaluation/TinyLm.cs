using Frugal.Evaluation;
using Frugal.Models;
using Frugal.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace Frugal.Tests.Evaluation;

/// <summary>Byte-level GPTs small enough to generate and train in a test: a random one, and one that has memorised a few answers.</summary>
internal static class TinyLm
{
    public static readonly ByteTokenizer Tokenizer = ByteTokenizer.Instance;

    public static GptConfig Config => new() { VocabSize = Tokenizer.VocabSize, ContextLength = 48, Layers = 1, Heads = 2, Dim = 16, TiedEmbeddings = false };

    /// <summary>
    /// Untrained, with a head ten times sharper than GPT-2's start, so greedy picks are far from ties and vary from
    /// token to token (a tied, untrained head mostly repeats the last token). Needs the global RNG: tests using it run
    /// in <see cref="Models.TorchGlobalState"/>.
    /// </summary>
    public static Gpt Random(int seed, GptConfig? config = null)
    {
        manual_seed(seed);
        var model = new Gpt(config ?? Config);
        using (no_grad()) model.state_dict()["lm_head.weight"].mul_(10);
        return model;
    }

    /// <summary>Writes a model directory as the trainers do: config.json, model.safetensors, tokenizer.json.</summary>
    public static string Save(Gpt model, string directory)
    {
        ModelDirectory.Save(directory, model);
        TokenizerFiles.Write(directory, Tokenizer);
        return directory;
    }

    /// <summary>
    /// A model trained (AdamW, full-sequence loss) until it writes each completion after its prompt, then &lt;|eos|&gt;:
    /// a few hundred steps on a handful of strings.
    /// </summary>
    public static Gpt Memorised(IReadOnlyList<(string Prompt, string Completion)> pairs, int seed, int steps = 300)
    {
        manual_seed(seed);
        var model = new Gpt(Config with { Dim = 32, Layers = 2 });
        var sequences = pairs.Select(p => (long[])[.. Tokenizer.Encode(p.Prompt + p.Completion), Tokenizer.Eos]).ToList();
        var length = sequences.Max(s => s.Length);
        var ids = sequences.SelectMany(s => s.Concat(Enumerable.Repeat((long)Tokenizer.Pad, length - s.Length))).ToArray();
        using var batch = tensor(ids).reshape(sequences.Count, length);  // (B, T+1)
        using var optimizer = optim.AdamW(model.parameters(), lr: 1e-2);
        model.train();
        // One thread: these operations are far too small to split, and a second thread only waits on a busy machine.
        var threads = get_num_threads();
        set_num_threads(1);
        try
        {
            for (var step = 0; step < steps; step++)
            {
                using var scope = NewDisposeScope();
                optimizer.zero_grad();
                var logits = model.forward(batch.narrow(1, 0, length - 1));  // (B, T, V)
                var targets = batch.narrow(1, 1, length - 1).masked_fill(batch.narrow(1, 1, length - 1).eq(Tokenizer.Pad), -100);
                nn.functional.cross_entropy(logits.reshape(-1, logits.shape[^1]), targets.reshape(-1), ignore_index: -100).backward();
                optimizer.step();
            }
        }
        finally
        {
            set_num_threads(threads);
        }
        return model;
    }
}
