using Frugal.Models;
using Frugal.Text;
using Frugal.Training;

namespace Frugal.Alignment;

/// <summary>What `frugal dpo` was asked to do: directories and files, and the training config.</summary>
/// <param name="Reference">A reference model directory; null = the starting model, frozen.</param>
public sealed record DpoRunSpec(string Model, string Data, string Out, DpoConfig Config, string? Reference = null, string? EvalData = null);

/// <summary>
/// A whole DPO run from files to a model directory: loads and checks the model, the reference and their tokenizers,
/// reads and tokenizes the data, resolves the reference log-probabilities (data, cache or computed), trains, and
/// writes config.json, model.safetensors, tokenizer.json and trainer_state.json. Every problem with the inputs is a
/// <see cref="BadInputException"/> raised before training starts and before anything is written.
/// </summary>
public static class DpoRun
{
    /// <param name="Truncated">Pairs (train and eval) cut to the max length.</param>
    public sealed record Outcome(DpoResult Result, int TrainPairs, int EvalPairs, int Truncated, int MaxLength, ReferenceSource? ReferenceSource);

    /// <param name="note">One-line notices for the user (truncation, where reference scores came from).</param>
    public static Outcome Run(DpoRunSpec spec, Action<string> note, IProgress<TrainProgress>? progress = null, CancellationToken cancellation = default)
    {
        var problems = spec.Config.Validate().ToList();
        if (problems.Count > 0) throw new BadInputException(string.Join("; ", problems));
        if (Directory.Exists(spec.Out) && Directory.EnumerateFileSystemEntries(spec.Out).Any())
            throw new BadInputException($"--out {spec.Out}: exists and is not empty; choose a new directory (nothing was overwritten)");

        var policy = ModelDirectory.Load(spec.Model);
        var tokenizer = TokenizerFiles.Read(spec.Model);
        if (tokenizer.VocabSize > policy.Config.VocabSize)
            throw new BadInputException($"--model {spec.Model}: tokenizer.json has {tokenizer.VocabSize} ids but config.json's vocab_size is {policy.Config.VocabSize}");
        var reference = spec.Reference is null ? ModelDirectory.Load(spec.Model) : LoadReference(spec.Reference, policy, tokenizer);
        foreach (var parameter in reference.parameters()) parameter.requires_grad = false;

        var maxLength = spec.Config.MaxLength ?? policy.Config.ContextLength;
        var context = Math.Min(policy.Config.ContextLength, reference.Config.ContextLength);
        if (maxLength > context)
            throw new BadInputException($"--max-length {maxLength} exceeds the context length {context} of the model{(spec.Reference is null ? "" : " or the reference")}");

        var trainTokens = new TrainingTokenizer(tokenizer, maxLength);
        var trainPairs = Tokenize(spec.Data, trainTokens);
        var evalTokens = new TrainingTokenizer(tokenizer, maxLength);
        var evalPairs = spec.EvalData is null ? null : Tokenize(spec.EvalData, evalTokens);
        var truncated = trainTokens.Truncated + evalTokens.Truncated;
        if (truncated > 0)
        {
            var total = trainPairs.Count + (evalPairs?.Count ?? 0);
            note($"{truncated} of {total} pairs were longer than {maxLength} tokens (--max-length) and were truncated (prompt kept from its end, answers from their start)");
        }

        ReferenceSource? source = null;
        DpoData Scored(string path, IReadOnlyList<PreferenceTokens> pairs, TrainingTokenizer tokens)
        {
            if (!spec.Config.PrecomputeRef && !pairs.All(p => p.RefChosenLogps.HasValue)) return new DpoData(pairs);
            var resolved = ReferenceLogProbs.Resolve(path, pairs, reference, tokens, Math.Max(spec.Config.BatchSize, 32));
            source ??= resolved.Source;
            note(resolved.Source switch
            {
                ReferenceSource.Data => $"{path}: reference log-probabilities from the data's ref_chosen_logps / ref_rejected_logps",
                ReferenceSource.Cache => $"{path}: reference log-probabilities from the cache {resolved.CachePath}",
                _ => resolved.Note ?? $"{path}: reference log-probabilities computed and cached in {resolved.CachePath}",
            });
            return new DpoData(pairs, resolved.Scores);
        }

        var train = Scored(spec.Data, trainPairs, trainTokens);
        var eval = evalPairs is null ? null : Scored(spec.EvalData!, evalPairs, evalTokens);
        var needsReference = train.Reference is null || eval is { Reference: null };
        if (!needsReference) reference.Dispose();

        using var trainer = new DpoTrainer(policy, spec.Config, train, tokenizer.Pad, needsReference ? reference : null);
        var result = trainer.Train(eval, progress, cancellation);
        if (!result.IsDiverged)
        {
            ModelDirectory.Save(spec.Out, policy);
            TokenizerFiles.Write(spec.Out, tokenizer);
        }
        DpoTrainerState.Write(spec.Out, result, spec.Config with { MaxLength = maxLength }, train.Count);
        if (needsReference) reference.Dispose();
        policy.Dispose();
        return new Outcome(result, train.Count, eval?.Count ?? 0, truncated, maxLength, source);
    }

    private static Gpt LoadReference(string directory, Gpt policy, ITokenizer tokenizer)
    {
        var referenceTokenizer = TokenizerFiles.Read(directory);
        if (referenceTokenizer.Kind != tokenizer.Kind || referenceTokenizer.VocabSize != tokenizer.VocabSize)
            throw new BadInputException($"--ref {directory}: tokenizer '{referenceTokenizer.Kind}' with {referenceTokenizer.VocabSize} ids, but --model's is '{tokenizer.Kind}' with {tokenizer.VocabSize}: the reference must share the model's tokenizer");
        if (referenceTokenizer is BpeTokenizer a && tokenizer is BpeTokenizer b && !a.SameAs(b))
            throw new BadInputException($"--ref {directory}: its BPE vocabulary or merges differ from --model's: the reference must share the model's tokenizer");
        var reference = ModelDirectory.Load(directory);
        if (reference.Config.VocabSize != policy.Config.VocabSize)
            throw new BadInputException($"--ref {directory}: vocab_size {reference.Config.VocabSize}, but --model's is {policy.Config.VocabSize}: the reference must share the model's tokenizer");
        return reference;
    }

    private static List<PreferenceTokens> Tokenize(string path, TrainingTokenizer tokens)
    {
        var pairs = JsonlReader.ReadPreference(path).Select(tokens.Preference).ToList();
        return pairs.Count > 0 ? pairs : throw new BadInputException($"{path}: holds no records, expected preference data {JsonlKind.Preference.Keys()} one a line");
    }
}
