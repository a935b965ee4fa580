using System.Globalization;
using System.Text.Json;
using Frugal.Alignment;
using Frugal.Models;
using Frugal.Text;
using static TorchSharp.torch;

namespace Frugal.Bench;

/// <summary>
/// A documented DPO run through the same library path as `frugal dpo` (<see cref="DpoRun"/>): a fresh byte-level
/// GPT, generated preference pairs whose chosen answer is the correct parity of a number in the prompt, training
/// on some numbers and evaluating on numbers never seen. Prints the held-out metrics at each evaluation point.
/// </summary>
public static class DpoHeldOut
{
    public static int Run(string[] args)
    {
        var trainPairs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 512;
        var threads = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : Environment.ProcessorCount;
        var lr = args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 1e-3;
        var preset = args.Length > 3 ? args[3] : "tiny";
        set_num_threads(threads);
        var root = Directory.CreateTempSubdirectory("frugal-dpo-heldout-").FullName;
        try
        {
            var model = Path.Combine(root, "model");
            manual_seed(0);
            using (var gpt = new Gpt(GptConfig.Preset(preset) with { VocabSize = ByteTokenizer.Instance.VocabSize }))
            {
                ModelDirectory.Save(model, gpt);
                TokenizerFiles.Write(model, ByteTokenizer.Instance);
            }
            var random = new Random(1);
            var numbers = Enumerable.Range(100, 9900).OrderBy(_ => random.Next()).ToArray();
            var train = Write(Path.Combine(root, "train.jsonl"), numbers.Take(trainPairs));
            var heldOut = Write(Path.Combine(root, "held-out.jsonl"), numbers.Skip(trainPairs).Take(200));
            var config = new DpoConfig { Lr = lr, Epochs = 2, BatchSize = 16, EvalSteps = 16, LoggingSteps = 16 };
            var outcome = DpoRun.Run(new DpoRunSpec(model, train, Path.Combine(root, "out"), config, EvalData: heldOut), Console.WriteLine);
            Console.WriteLine(FormattableString.Invariant(
                $"gpt {preset}, {trainPairs} training pairs, 200 held-out pairs (numbers never trained on), lr {lr}, beta {config.Loss.Beta}, {outcome.Result.Steps} steps in {outcome.Result.Seconds:0.0} s:"));
            Console.WriteLine("step  eval_loss  eval_rewards/accuracies  eval_rewards/margins");
            foreach (var entry in outcome.Result.LogHistory.Where(e => e.ContainsKey("eval_loss")))
                Console.WriteLine(FormattableString.Invariant($"{entry["step"],4}  {entry["eval_loss"],9:0.0000}  {entry["eval_rewards/accuracies"],23:0.000}  {entry["eval_rewards/margins"],20:0.0000}"));
            return 0;
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>"Is 4217 even?" -> chosen the right answer, rejected the wrong one.</summary>
    private static string Write(string path, IEnumerable<int> numbers)
    {
        File.WriteAllLines(path, numbers.Select(n =>
        {
            var (right, wrong) = n % 2 == 0 ? ("yes", "no") : ("no", "yes");
            return JsonSerializer.Serialize(new { prompt = $"Is {n} even?", chosen = $" {right}", rejected = $" {wrong}" });
        }));
        return path;
    }
}
