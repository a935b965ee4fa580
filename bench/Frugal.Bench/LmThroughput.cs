using System.Diagnostics;
using System.Globalization;
using Frugal.Data;
using Frugal.Models;
using Frugal.Schedules;
using Frugal.Text;
using Frugal.Training;
using static TorchSharp.torch;

namespace Frugal.Bench;

/// <summary>
/// Training tokens/s of the language-model trainer (<see cref="CausalLmTrainer"/>, the loop `frugal lm pretrain`
/// and `frugal sft` run) on generated data, and the achieved GFLOP/s as a fraction of an fp32 matmul peak
/// measured in the same process. FLOPs per token follow nanoGPT's estimate (PaLM, appendix B), forward and
/// backward: 6 N + 12 L C T, N the weights that multiply (blocks and the tied output head, not the embedding
/// lookup), L layers, width C, T the mean sequence length. Tokens are the ones TRL counts (padding excluded),
/// so padded batches show the padding as lost throughput.
/// </summary>
public static class LmThroughput
{
    public static int Run(string[] args)
    {
        var steps = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 30;
        var threads = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : Environment.ProcessorCount;
        set_num_threads(threads);
        var peak = MatmulPeak();
        Console.WriteLine(FormattableString.Invariant($"fp32 matmul 2048x2048 peak: {peak:0.0} GFLOP/s, {threads} thread(s)"));

        var documents = CorpusGenerator.Documents(4000, seed: 1).ToList();
        foreach (var preset in new[] { GptPreset.OneMillion, GptPreset.FiveMillion })
        {
            var model = GptConfig.Preset(preset);
            var blocks = Packing.Pack(documents, ByteTokenizer.Instance, model.ContextLength)
                .Select(b => new SftTokens(b, [.. b.Select(_ => true)], 0)).ToList();
            Report($"pretrain {preset.Name()}", model, blocks, 16, steps, peak);
        }

        var sft = Demonstrations(2000);
        Report("sft 1m (prompt-completion, completion-only loss, padded batches)", GptConfig.Preset(GptPreset.OneMillion), sft, 16, steps, peak);
        Report("sft 1m --packing", GptConfig.Preset(GptPreset.OneMillion), Frugal.Alignment.SftPacking.Pack(sft, 256), 16, steps, peak);
        return 0;
    }

    private static void Report(string label, GptConfig config, IReadOnlyList<SftTokens> data, int batchSize, int steps, double peak)
    {
        var training = new CausalLmConfig
        {
            Lr = 1e-3,
            BatchSize = batchSize,
            TotalSteps = 3,
            StepsPerEpoch = (data.Count + batchSize - 1) / batchSize,
            LoggingSteps = 1000,
            CheckpointEvery = 0,
        };
        manual_seed(0);
        // A short run first warms up the JIT and libtorch's allocator; the timed run is the trainer's own count.
        using (var warm = new Gpt(config)) CausalLmTrainer.Run(warm, ByteTokenizer.Instance.Pad, data, null, training, "bench");
        using var model = new Gpt(config);
        var result = CausalLmTrainer.Run(model, ByteTokenizer.Instance.Pad, data, null, training with { TotalSteps = steps }, "bench");
        var meanLength = data.Take(steps * batchSize).Average(s => s.Length);
        var multiplying = config.ParameterCount();   // tied: the embedding's weights are the head's, counted once
        var flopsPerToken = 6.0 * multiplying + 12.0 * config.Layers * config.Dim * meanLength;
        var gflops = result.TrainTokensPerSecond * flopsPerToken / 1e9;
        Console.WriteLine(FormattableString.Invariant(
            $"{label}: {config.ParameterCount():N0} params, mean sequence {meanLength:0} tokens, batch {batchSize}: {result.TrainTokensPerSecond:0} train tokens/s over {result.Steps} steps, ~{gflops:0.0} GFLOP/s = {gflops / peak:P0} of the matmul peak"));
    }

    /// <summary>"What is 23 + 58?" answered "23 + 58 = 81": short prompt-completion pairs like SFT data.</summary>
    private static List<SftTokens> Demonstrations(int count)
    {
        var tokenizer = new TrainingTokenizer(ByteTokenizer.Instance, 256);
        return [.. Enumerable.Range(0, count).Select(i =>
        {
            var random = CorpusRandom.For(0x42656E6368, i, 0);
            var (a, op, b, result) = CorpusArithmetic.Equation(random);
            return tokenizer.Sft(new SftExample(new Passage.Plain($"Question: what is {a} {op} {b}? Show the equation.\nAnswer:"), new Passage.Plain($" {a} {op} {b} = {result}")));
        })];
    }

    private static double MatmulPeak()
    {
        using var scope = NewDisposeScope();
        var (a, b) = (randn(2048, 2048), randn(2048, 2048));
        for (var i = 0; i < 3; i++) a.matmul(b).Dispose();
        var clock = Stopwatch.StartNew();
        const int repeats = 10;
        for (var i = 0; i < repeats; i++) a.matmul(b).Dispose();
        return 2.0 * 2048 * 2048 * 2048 * repeats / clock.Elapsed.TotalSeconds / 1e9;
    }
}
