using System.Text.Json;
using Frugal.Models;
using Frugal.Text;
using static TorchSharp.torch;

namespace Frugal.Training;

/// <summary>Packed pretraining sequences: every id of a block is a target except its first (see <see cref="Packing"/>).</summary>
public sealed record PretrainData(IReadOnlyList<SftTokens> Train, IReadOnlyList<SftTokens> Validation, int TrainDocuments, int ValidationDocuments)
{
    public long TrainTokens => Train.Sum(s => (long)s.Length - 1);
}

/// <summary>A pretraining run ready to start: the tokenizer chosen (or trained), the corpus read and packed, the model and the step count fixed.</summary>
public sealed record PretrainPlan(PretrainConfig Config, GptConfig Model, PretrainData Data, CausalLmConfig Training, ITokenizer Tokenizer);

/// <summary>What `frugal lm pretrain` reports: the run, the model it trained, and the final validation loss.</summary>
public sealed record PretrainResult(CausalLmResult Run, GptConfig Model, PretrainData Data)
{
    public double? ValidationLoss => Run.LastEval?["eval_loss"];

    public double? ValidationPerplexity => ValidationLoss is { } loss ? Math.Exp(loss) : null;
}

/// <summary>
/// Pretrains a GPT from scratch on a corpus: documents split into train and validation by seed, each half packed
/// into context-length blocks, T steps of <see cref="CausalLmTrainer"/> with the profile re-fitted to T, then
/// the model directory (config.json, model.safetensors, tokenizer.json, trainer_state.json) written to the output.
/// </summary>
public static class Pretrainer
{
    /// <summary>
    /// Reads and splits the corpus, builds the tokenizer (a BPE learns from the training documents only, so validation
    /// text is unseen by it too), and packs both halves; every problem with the files is bad input.
    /// </summary>
    public static (PretrainData Data, ITokenizer Tokenizer) Load(PretrainConfig config, int context)
    {
        var documents = config.Corpus.SelectMany(PretrainCorpus.Read).ToList();
        var (train, validation) = PretrainCorpus.Split(documents, config.ValidationFraction, config.Seed);
        ITokenizer tokenizer = config.BpeVocabSize is { } size ? BpeTrainer.Train(train, size) : ByteTokenizer.Instance;
        var trainBlocks = Blocks(train, tokenizer, context);
        var validationBlocks = Blocks(validation, tokenizer, context);
        if (trainBlocks.Count == 0 || validationBlocks.Count == 0)
        {
            var which = trainBlocks.Count == 0 ? "training" : "validation";
            throw new BadInputException($"--corpus: the {which} documents hold fewer than --context {context} + 1 tokens, so not one sequence can be packed; give more text, a smaller --context or a larger --val-fraction");
        }
        return (new PretrainData(trainBlocks, validationBlocks, train.Count, validation.Count), tokenizer);
    }

    public static CausalLmConfig Training(PretrainConfig config, PretrainData data)
    {
        var stepsPerEpoch = (data.Train.Count + config.BatchSize - 1) / config.BatchSize;
        var fullSteps = config.FullSteps ?? stepsPerEpoch;
        var totalSteps = new Budget(config.Budget, 1).TotalSteps(fullSteps);
        return new CausalLmConfig
        {
            Lr = config.Lr,
            Schedule = config.Schedule,
            WarmupRatio = config.WarmupRatio,
            BatchSize = config.BatchSize,
            TotalSteps = totalSteps,
            StepsPerEpoch = stepsPerEpoch,
            LoggingSteps = config.LoggingSteps,
            EvalEvery = config.EvalEvery ?? Math.Max(1, (totalSteps + 9) / 10),
            CheckpointEvery = config.CheckpointEvery,
            Seed = config.Seed,
            ReportPerplexity = true,
        };
    }

    /// <summary>Validates the options and reads the corpus; nothing is written. Every problem is bad input.</summary>
    public static PretrainPlan Prepare(PretrainConfig config)
    {
        var problems = config.Validate().ToList();
        if (problems.Count > 0) throw new BadInputException(string.Join("; ", problems));
        var (data, tokenizer) = Load(config, config.Model(ByteTokenizer.Instance.VocabSize).ContextLength);
        return new PretrainPlan(config, config.Model(tokenizer.VocabSize), data, Training(config, data), tokenizer);
    }

    /// <param name="resume">Continue from the output directory's checkpoint, if it has one.</param>
    public static PretrainResult Run(PretrainPlan plan, string outDirectory, bool resume = false,
        Action<LmLogEntry>? onLog = null, CancellationToken cancellation = default)
    {
        var (config, data, training, tokenizer) = (plan.Config, plan.Data, plan.Training, plan.Tokenizer);
        manual_seed(config.Seed);
        using var model = new Gpt(plan.Model);
        var identity = JsonSerializer.Serialize(new { config, training, model = plan.Model, train = data.Train.Count, validation = data.Validation.Count, tokens = data.TrainTokens }, FrugalJson.Options);
        var result = CausalLmTrainer.Run(model, tokenizer.Pad, data.Train, data.Validation, training, identity,
            new CausalLmRunOptions { Directory = outDirectory, Resume = resume, OnLog = onLog, Cancellation = cancellation });
        if (!result.IsDiverged)
        {
            ModelDirectory.Save(outDirectory, model, overwrite: true);
            TokenizerFiles.Write(outDirectory, tokenizer);
        }
        return new PretrainResult(result, plan.Model, data);
    }

    private static List<SftTokens> Blocks(IEnumerable<string> documents, ITokenizer tokenizer, int context) =>
        [.. Packing.Pack(documents, tokenizer, context).Select(block => new SftTokens(block, AllTrue(block.Length), 0))];

    private static bool[] AllTrue(int length)
    {
        var mask = new bool[length];
        Array.Fill(mask, true);
        return mask;
    }
}
