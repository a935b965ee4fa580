using System.Diagnostics;
using System.Globalization;
using Frugal.Alignment;
using Frugal.Models;
using Frugal.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace Frugal.Bench;

/// <summary>
/// One DPO optimizer step four ways, on the same model and pairs: Frugal's default (reference log-probabilities
/// precomputed, each pair one row with its prompt shared by both answers), the previous default (precomputed
/// reference, chosen and rejected through the policy as one [chosen; rejected] batch), that concatenated batch with
/// a reference forward every step, and a naive step with four separate forwards (policy chosen, policy rejected,
/// reference chosen, reference rejected). Steps alternate in rounds; per-step medians over the rounds are compared.
/// </summary>
public static class DpoStep
{
    public static int Run(string[] args)
    {
        var repeats = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 7;
        var threads = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : Environment.ProcessorCount;
        var preset = args.Length > 2 ? args[2] : "1m";
        var pairsPerStep = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 16;
        const int stepsPerRound = 3;
        set_num_threads(threads);

        var config = GptConfig.Preset(preset) with { VocabSize = ByteTokenizer.Instance.VocabSize };
        var pairs = Pairs(pairsPerStep, config.VocabSize - 9);
        var pad = ByteTokenizer.Instance.Pad;
        var dpo = new DpoConfig { Lr = 5e-6, BatchSize = pairsPerStep, MinSteps = 1_000_000 };
        manual_seed(0);
        using var reference = new Gpt(config);
        foreach (var p in reference.parameters()) p.requires_grad = false;
        reference.eval();
        using var policyShared = Copy(reference, config);
        using var policyConcatenated = Copy(reference, config);
        using var policyNoPrecompute = Copy(reference, config);
        using var policyNaive = Copy(reference, config);

        var clock = Stopwatch.StartNew();
        var scores = ReferenceLogProbs.Compute(reference, pairs, pad, pairsPerStep);
        var precomputeSeconds = clock.Elapsed.TotalSeconds;
        var all = Enumerable.Range(0, pairs.Count).ToArray();
        var concatenatedConfig = dpo with { BatchLayout = DpoBatchLayout.Concatenated };
        using var shared = new DpoTrainer(policyShared, dpo, new DpoData(pairs, scores), pad);
        using var concatenated = new DpoTrainer(policyConcatenated, concatenatedConfig, new DpoData(pairs, scores), pad);
        using var noPrecompute = new DpoTrainer(policyNoPrecompute, concatenatedConfig, new DpoData(pairs), pad, reference);
        using var naive = new NaiveStep(policyNaive, reference, dpo, pairs, pad);

        var times = new Dictionary<string, List<double>> { ["shared"] = [], ["concatenated"] = [], ["no-precompute"] = [], ["naive"] = [] };
        for (var round = 0; round <= repeats; round++)
        {
            foreach (var (name, step) in new (string, Action)[]
                     {
                         ("shared", () => shared.TrainStep(all)),
                         ("concatenated", () => concatenated.TrainStep(all)),
                         ("no-precompute", () => noPrecompute.TrainStep(all)),
                         ("naive", naive.Step),
                     })
            {
                clock.Restart();
                for (var s = 0; s < stepsPerRound; s++) step();
                if (round > 0) times[name].Add(clock.Elapsed.TotalMilliseconds / stepsPerRound);  // round 0 warms up
            }
        }
        var (d, c, p0, n) = (Median(times["shared"]), Median(times["concatenated"]), Median(times["no-precompute"]), Median(times["naive"]));
        var tokens = pairs.Sum(pr => 2 * pr.Prompt.Length + pr.Chosen.Length + pr.Rejected.Length);
        Console.WriteLine(FormattableString.Invariant(
            $"gpt {preset} ({config.ParameterCount():N0} parameters), {pairsPerStep} pairs a step ({tokens} tokens), {threads} thread(s), medians of {repeats} rounds x {stepsPerRound} steps:"));
        Console.WriteLine(FormattableString.Invariant($"  naive step (4 separate forwards):                  {n,8:0.0} ms"));
        Console.WriteLine(FormattableString.Invariant($"  concatenated batch + reference forward each step: {p0,8:0.0} ms  ratio {p0 / n:0.000}"));
        Console.WriteLine(FormattableString.Invariant($"  concatenated batch + precomputed reference:       {c,8:0.0} ms  ratio {c / n:0.000}"));
        Console.WriteLine(FormattableString.Invariant($"  default: shared prompt + precomputed reference:   {d,8:0.0} ms  ratio default/naive {d / n:0.000}"));
        Console.WriteLine(FormattableString.Invariant($"  (precomputing the reference for these {pairs.Count} pairs took {precomputeSeconds * 1000:0} ms once, including the first forward's warm-up)"));
        return 0;
    }

    /// <summary>Prompts of 24-56 tokens, answers of 16-48: chat-like lengths that fill about half of a 256 context.</summary>
    private static List<PreferenceTokens> Pairs(int count, int byteVocab)
    {
        var random = new Random(7);
        int[] Ids(int min, int max) => [.. Enumerable.Range(0, random.Next(min, max + 1)).Select(_ => random.Next(byteVocab))];
        return [.. Enumerable.Range(0, count).Select(_ => new PreferenceTokens(Ids(24, 56), Ids(16, 48), Ids(16, 48)))];
    }

    private static Gpt Copy(Gpt source, GptConfig config)
    {
        var copy = new Gpt(config);
        copy.load_state_dict(source.state_dict());
        return copy;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    /// <summary>The step without either saving: four forwards, each padded on its own, then the same loss and optimizer.</summary>
    private sealed class NaiveStep(Gpt policy, Gpt reference, DpoConfig config, IReadOnlyList<PreferenceTokens> pairs, int pad) : IDisposable
    {
        private readonly optim.Optimizer optimizer = optim.AdamW(policy.parameters(), config.Lr, weight_decay: config.WeightDecay);

        public void Step()
        {
            using var scope = NewDisposeScope();
            policy.train();
            optimizer.zero_grad();
            var (chosenIds, chosenMask) = DpoBatch.Pad([.. pairs.Select(p => (p.Prompt, p.Chosen))], pad);
            var (rejectedIds, rejectedMask) = DpoBatch.Pad([.. pairs.Select(p => (p.Prompt, p.Rejected))], pad);
            var chosen = SequenceLogProbs.Compute(policy, chosenIds, chosenMask);
            var rejected = SequenceLogProbs.Compute(policy, rejectedIds, rejectedMask);
            SequenceScores referenceChosen, referenceRejected;
            using (no_grad())
            {
                referenceChosen = SequenceLogProbs.Compute(reference, chosenIds, chosenMask);
                referenceRejected = SequenceLogProbs.Compute(reference, rejectedIds, rejectedMask);
            }
            var output = DpoLoss.Compute(chosen.LogProbs, rejected.LogProbs, referenceChosen.LogProbs, referenceRejected.LogProbs,
                config.Loss, chosen.Counts, rejected.Counts);
            DpoMetrics.From(output, chosen.LogProbs.detach(), rejected.LogProbs.detach());
            _ = (chosen.MeanLogit(), rejected.MeanLogit(), output.Loss.item<float>());
            output.Loss.backward();
            nn.utils.clip_grad_norm_(policy.parameters(), config.MaxGradNorm);
            optimizer.step();
        }

        public void Dispose() => optimizer.Dispose();
    }
}
