using System.Security.Cryptography;
using Frugal.Alignment;
using Frugal.Models;
using Frugal.Tests.Models;
using Frugal.Tests.Training;
using Frugal.Text;
using Frugal.Training;

namespace Frugal.Tests.Alignment;

[Collection(TorchGlobalState.Name)]
public class SftTrainerTests
{
    /// <summary>Prompt-completion pairs whose answers follow a format the base model has never seen.</summary>
    private static string Demonstrations(LmFiles files, int count, string name = "demos.jsonl")
    {
        var lines = Enumerable.Range(0, count).Select(i => $$"""{"prompt":"{{i % 7}} plus {{i % 5}}?","completion":" #### {{i % 7 + i % 5}}"}""");
        return files.Write(name, string.Join("\n", lines) + "\n");
    }

    [Fact]
    public void Sft_learns_a_format_writes_a_full_model_directory_and_leaves_the_input_untouched()
    {
        using var files = new LmFiles();
        var input = files.TinyModel();
        var before = Directory.GetFiles(input).ToDictionary(f => Path.GetFileName(f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));
        var config = new SftConfig { Model = input, Data = Demonstrations(files, 64), EvalData = Demonstrations(files, 16, "eval.jsonl"), Lr = 3e-3, BatchSize = 8, MinSteps = 60, Seed = 1 };
        var output = files.PathOf("sft");
        var plan = SftTrainer.Prepare(config, output);
        Assert.Equal(60, plan.Training.TotalSteps);   // 2 epochs of 8 steps would be 16: --min-steps wins
        Assert.Equal(8, plan.Training.StepsPerEpoch);

        double baseLoss;
        using (var baseModel = ModelDirectory.Load(input))
            baseLoss = CausalLmTrainer.Evaluate(baseModel, ByteTokenizer.Instance.Pad, plan.Eval!.Sequences, 8).Loss;

        var result = SftTrainer.Run(plan, output);

        var evals = result.Run.LogHistory.Where(e => e.IsEval).ToList();
        Assert.Equal(8, evals.Count);   // every epoch end, 60 steps = 7.5 epochs, and the last step
        Assert.True(evals[^1]["eval_loss"] < 0.25 * baseLoss, $"eval_loss {baseLoss} -> {evals[^1]["eval_loss"]}");
        Assert.True(evals[^1]["eval_mean_token_accuracy"] > 0.6, $"eval accuracy {evals[^1]["eval_mean_token_accuracy"]}");
        foreach (var file in new[] { ModelDirectory.ConfigFile, ModelDirectory.WeightsFile, TokenizerFiles.FileName, TrainerStateFile.FileName })
            Assert.True(File.Exists(Path.Combine(output, file)), file);
        using (ModelDirectory.Load(output)) { }
        var after = Directory.GetFiles(input).ToDictionary(f => Path.GetFileName(f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));
        Assert.Equal(before, after);
    }

    [Fact]
    public void Long_examples_are_truncated_and_counted()
    {
        using var files = new LmFiles();
        var data = files.Write("long.jsonl", string.Join("\n",
            """{"prompt":"short","completion":"fine"}""",
            $$"""{"prompt":"{{new string('p', 100)}}","completion":"{{new string('c', 10)}}"}""",
            $$"""{"prompt":"x","completion":"{{new string('c', 100)}}"}""") + "\n");
        var plan = SftTrainer.Prepare(new SftConfig { Model = files.TinyModel(), Data = data, MaxLength = 40 }, files.PathOf("out"));
        Assert.Equal(2, plan.Truncated);
        Assert.All(plan.Train.Sequences, s => Assert.True(s.Length <= 40));
    }

    [Fact]
    public void Text_and_conversational_data_are_read_and_preference_data_is_refused()
    {
        using var files = new LmFiles();
        var model = files.TinyModel();
        var text = files.Write("text.jsonl", """{"text":"hello world"}""" + "\n");
        var chat = files.Write("chat.jsonl", """{"messages":[{"role":"user","content":"hi"},{"role":"assistant","content":"yo"}]}""" + "\n");
        var pref = files.Write("pref.jsonl", """{"prompt":"a","chosen":"b","rejected":"c"}""" + "\n");
        var textPlan = SftTrainer.Prepare(new SftConfig { Model = model, Data = text }, files.PathOf("o1"));
        Assert.All(textPlan.Train.Sequences[0].LossMask, m => Assert.True(m));
        var chatPlan = SftTrainer.Prepare(new SftConfig { Model = model, Data = chat }, files.PathOf("o2"));
        Assert.Equal(3, chatPlan.Train.Sequences[0].LossTokens);   // "yo" and <|end|>
        var error = Assert.Throws<BadInputException>(() => SftTrainer.Prepare(new SftConfig { Model = model, Data = pref }, files.PathOf("o3")));
        Assert.Contains("found preference data", error.Message);
    }

    [Fact]
    public void Packing_joins_whole_examples_up_to_the_maximum_and_keeps_their_masks()
    {
        SftTokens Example(int length, int prompt) => new([.. Enumerable.Range(0, length)], [.. Enumerable.Range(0, length).Select(i => i >= prompt)], prompt);
        var examples = new[] { Example(4, 2), Example(5, 3), Example(3, 1), Example(8, 4) };
        var packed = SftPacking.Pack(examples, maxLength: 10);
        Assert.Equal([9, 3, 8], packed.Select(p => p.Length));
        Assert.Equal(examples[0].LossMask.Concat(examples[1].LossMask), packed[0].LossMask);
        Assert.Equal(examples.Sum(e => e.LossTokens), packed.Sum(p => p.LossTokens));
    }
}
