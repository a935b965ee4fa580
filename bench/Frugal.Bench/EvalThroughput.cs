using System.Diagnostics;
using System.Globalization;
using Frugal.Evaluation;
using Frugal.Models;
using Frugal.Text;
using static TorchSharp.torch;

namespace Frugal.Bench;

/// <summary>
/// `frugal eval`'s generation throughput: the same records, greedy, one record at a time with every core on each
/// operation (1 worker x C threads), one record at a time on one thread (1 x 1), and records side by side
/// (C workers x 1 thread each). Runs alternate after a warm-up round; medians are compared, and all three must
/// produce the same completions.
/// </summary>
public static class EvalThroughput
{
    public static int Run(string[] args)
    {
        var preset = args.Length > 0 ? args[0] : "1m";
        var records = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 16;
        var tokens = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 64;
        var repeats = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 3;
        var saveTo = args.Length > 4 ? args[4] : null;
        var cores = Environment.ProcessorCount;

        manual_seed(0);
        var tokenizer = ByteTokenizer.Instance;
        using var model = new LanguageModel(new Gpt(GptConfig.Preset(preset) with { VocabSize = tokenizer.VocabSize }), tokenizer);
        var data = Enumerable.Range(0, records)
            .Select(i => EvalRecord.Of($"Q: Tom has {i + 3} apples and buys {2 * i + 5} more. How many now?\nA:",
                $"{i + 3} + {2 * i + 5} = {3 * i + 8}\n#### {3 * i + 8}")).ToList();
        var options = new SamplingOptions { MaxNewTokens = tokens };
        if (saveTo is not null) Save(saveTo, model, data);
        var verifier = new FinalAnswerVerifier();

        var sequential = new List<double>();
        var single = new List<double>();
        var parallel = new List<double>();
        var newTokens = 0;
        for (var r = 0; r < repeats + 1; r++)
        {
            set_num_threads(cores);
            var one = Evaluator.Run(model, data, verifier, options);
            set_num_threads(1);
            var oneThread = Evaluator.Run(model, data, verifier, options);
            var many = Evaluator.Run(model, data, verifier, options, workers: cores, threadsPerWorker: 1);
            if (!one.Items.Select(i => i.Completion).SequenceEqual(many.Items.Select(i => i.Completion))
                || !one.Items.Select(i => i.Completion).SequenceEqual(oneThread.Items.Select(i => i.Completion)))
                throw new InvalidOperationException("the three ways produced different completions");
            newTokens = one.Items.Sum(i => i.NewTokens);
            if (r == 0) continue;  // warm-up: JIT, libtorch's allocator
            sequential.Add(one.Seconds);
            single.Add(oneThread.Seconds);
            parallel.Add(many.Seconds);
            Console.WriteLine(FormattableString.Invariant($"repeat {r}: 1 x {cores} threads {one.Seconds:0.000} s, 1 x 1 thread {oneThread.Seconds:0.000} s, {cores} workers x 1 {many.Seconds:0.000} s"));
        }
        double s = Median(sequential), s1 = Median(single), p = Median(parallel);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{preset} ({model.Model.Config.ParameterCount():N0} parameters), {records} records x {newTokens / records} new tokens, {cores} cores: " +
            $"1 worker x {cores} threads {s:0.000} s ({newTokens / s:0} tokens/s), 1 worker x 1 thread {s1:0.000} s ({newTokens / s1:0} tokens/s), " +
            $"{cores} workers x 1 thread {p:0.000} s ({newTokens / p:0} tokens/s); ratio parallel / (1 x {cores}) = {p / s:0.000}, " +
            $"parallel / (1 x 1) = {p / s1:0.000} (medians of {repeats}; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]})"));
        return 0;
    }

    /// <summary>The untrained model as a model directory and the records as eval JSONL, for trying `frugal generate` and `frugal eval` on.</summary>
    private static void Save(string directory, LanguageModel model, List<EvalRecord> data)
    {
        var modelDirectory = Path.Combine(directory, "model");
        ModelDirectory.Save(modelDirectory, model.Model);
        TokenizerFiles.Write(modelDirectory, model.Tokenizer);
        File.WriteAllLines(Path.Combine(directory, "eval.jsonl"), data.Select(r =>
            System.Text.Json.JsonSerializer.Serialize(new { prompt = ((Passage.Plain)r.Prompt).Text, completion = r.Reference },
                new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping })));
        Console.WriteLine($"wrote {modelDirectory} and {Path.Combine(directory, "eval.jsonl")}");
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
