using System.Text.Json;
using Frugal.Models;
using Frugal.Text;
using Frugal.Training;
using static TorchSharp.torch;

namespace Frugal.Alignment;

/// <summary>An SFT run ready to start: model config and tokenizer read, data tokenised, steps fixed.</summary>
public sealed record SftPlan(SftConfig Config, GptConfig Model, ITokenizer Tokenizer, int MaxLength, SftDataset Train, SftDataset? Eval, CausalLmConfig Training)
{
    /// <summary>Examples cut to <see cref="MaxLength"/>, training and eval data together.</summary>
    public int Truncated => Train.Truncated + (Eval?.Truncated ?? 0);

    public int Examples => Train.Examples + (Eval?.Examples ?? 0);
}

/// <summary>What `frugal sft` reports.</summary>
public sealed record SftResult(CausalLmResult Run, SftPlan Plan);

/// <summary>
/// Supervised fine-tuning: loads a model directory (never written), trains it on demonstrations with
/// <see cref="CausalLmTrainer"/>, and writes a complete model directory to the output.
/// </summary>
public static class SftTrainer
{
    /// <summary>Validates the options, reads the model's config and tokenizer and the data; nothing is written.</summary>
    public static SftPlan Prepare(SftConfig config, string outDirectory)
    {
        var problems = config.Validate().ToList();
        if (problems.Count > 0) throw new BadInputException(string.Join("; ", problems));
        if (LmOutputDirectory.Same(config.Model, outDirectory))
            throw new BadInputException($"--out {outDirectory}: is the --model directory; the input model is never modified, choose another --out");

        var model = ModelDirectory.ReadConfig(config.Model);
        var tokenizer = TokenizerFiles.Read(config.Model);
        // A larger embedding than the tokenizer needs only leaves rows unused; a smaller one cannot embed every id.
        if (tokenizer.VocabSize > model.VocabSize)
            throw new BadInputException($"{TokenizerFiles.PathIn(config.Model)}: the {tokenizer.Kind} tokenizer has {tokenizer.VocabSize} ids but config.json's vocab_size is only {model.VocabSize}");
        var maxLength = config.MaxLength ?? model.ContextLength;
        if (maxLength > model.ContextLength)
            throw new BadInputException($"--max-length {maxLength} exceeds the model's context length {model.ContextLength}");

        var train = SftDataset.Load(config.Data, tokenizer, maxLength, config.LossOn, config.Packing, "--data");
        var eval = config.EvalData is { } evalPath ? SftDataset.Load(evalPath, tokenizer, maxLength, config.LossOn, false, "--eval-data") : null;
        var stepsPerEpoch = (train.Sequences.Count + config.BatchSize - 1) / config.BatchSize;
        var training = new CausalLmConfig
        {
            Lr = config.Lr,
            Schedule = config.Schedule,
            WarmupRatio = config.WarmupRatio,
            BatchSize = config.BatchSize,
            TotalSteps = config.TotalSteps(stepsPerEpoch),
            StepsPerEpoch = stepsPerEpoch,
            LoggingSteps = config.LoggingSteps,
            EvalEvery = stepsPerEpoch,
            CheckpointEvery = config.CheckpointEvery,
            Seed = config.Seed,
        };
        return new SftPlan(config, model, tokenizer, maxLength, train, eval, training);
    }

    public static SftResult Run(SftPlan plan, string outDirectory, bool resume = false, Action<LmLogEntry>? onLog = null,
        CancellationToken cancellation = default)
    {
        var (config, training, train) = (plan.Config, plan.Training, plan.Train);
        using var model = ModelDirectory.Load(config.Model);
        manual_seed(config.Seed);
        var identity = JsonSerializer.Serialize(new { config, training, train = train.Sequences.Count, tokens = train.Sequences.Sum(s => (long)s.Length) }, FrugalJson.Options);
        var result = CausalLmTrainer.Run(model, plan.Tokenizer.Pad, train.Sequences, plan.Eval?.Sequences, training, identity,
            new CausalLmRunOptions { Directory = outDirectory, Resume = resume, OnLog = onLog, Cancellation = cancellation });
        if (!result.IsDiverged)
        {
            ModelDirectory.Save(outDirectory, model, overwrite: true);
            TokenizerFiles.Write(outDirectory, plan.Tokenizer);
        }
        return new SftResult(result, plan);
    }
}
