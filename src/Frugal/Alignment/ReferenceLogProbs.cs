using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Frugal.Models;
using Frugal.Text;
using static TorchSharp.torch;

namespace Frugal.Alignment;

/// <summary>
/// Reference log-probabilities computed once before training (TRL's precompute_ref_log_probs): the frozen
/// reference would otherwise cost a forward per step. They are cached next to the data file as
/// <c>DATA.ref-KEY.json</c>, where KEY hashes everything they depend on (the reference's config and weights, the
/// tokenizer, the max length, the data file and the tokenized pairs), so a stale cache is never read: any change
/// gives another file name. Pairs that carry ref_chosen_logps / ref_rejected_logps keep the data's values.
/// </summary>
public static class ReferenceLogProbs
{
    private const string Format = "frugal-ref-logps-1";

    private static readonly JsonSerializerOptions Json = new(FrugalJson.Options) { WriteIndented = false };

    public sealed record Result(ReferenceScores Scores, ReferenceSource Source, string? CachePath, string? Note);

    /// <summary>
    /// Scores every pair with <paramref name="reference"/> in eval mode without gradients, batchSize pairs a forward,
    /// each prompt computed once for both answers (<see cref="SharedPromptBatch"/>).
    /// </summary>
    public static ReferenceScores Compute(Gpt reference, IReadOnlyList<PreferenceTokens> pairs, int padId, int batchSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var chosen = new double[pairs.Count];
        var rejected = new double[pairs.Count];
        var wasTraining = reference.training;
        reference.eval();
        try
        {
            using var noGrad = no_grad();
            for (var start = 0; start < pairs.Count; start += batchSize)
            {
                using var scope = NewDisposeScope();
                var count = Math.Min(batchSize, pairs.Count - start);
                using var batch = SharedPromptBatch.Create([.. pairs.Skip(start).Take(count)], padId);
                var (c, r) = batch.Score(reference);
                Array.Copy(c.LogProbs.to_type(ScalarType.Float64).data<double>().ToArray(), 0, chosen, start, count);
                Array.Copy(r.LogProbs.to_type(ScalarType.Float64).data<double>().ToArray(), 0, rejected, start, count);
            }
        }
        finally
        {
            reference.train(wasTraining);
        }
        return new ReferenceScores(chosen, rejected);
    }

    /// <summary>
    /// The data's own values when every pair has them; else the cache next to <paramref name="dataPath"/> when its key
    /// matches; else computed (only for pairs without values) and cached. A cache that cannot be written is noted, not fatal.
    /// </summary>
    public static Result Resolve(
        string dataPath, IReadOnlyList<PreferenceTokens> pairs, Gpt reference, TrainingTokenizer tokenizer, int batchSize)
    {
        if (pairs.All(p => p.RefChosenLogps.HasValue && p.RefRejectedLogps.HasValue))
            return new Result(FromData(pairs), ReferenceSource.Data, null, null);

        var key = Key(dataPath, pairs, reference, tokenizer);
        var path = $"{dataPath}.ref-{key[..16]}.json";
        if (TryRead(path, key, pairs.Count) is { } cached) return new Result(cached, ReferenceSource.Cache, path, null);

        var missing = Enumerable.Range(0, pairs.Count).Where(i => pairs[i].RefChosenLogps is null).ToArray();
        var computed = Compute(reference, [.. missing.Select(i => pairs[i])], tokenizer.Tokenizer.Pad, batchSize);
        var scores = FromData(pairs);
        for (var j = 0; j < missing.Length; j++)
        {
            scores.Chosen[missing[j]] = computed.Chosen[j];
            scores.Rejected[missing[j]] = computed.Rejected[j];
        }
        try
        {
            Write(path, key, scores);
            return new Result(scores, ReferenceSource.Computed, path, null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new Result(scores, ReferenceSource.Computed, null, $"could not cache reference log-probabilities at {path} ({e.Message}); they will be recomputed next time");
        }
    }

    /// <summary>SHA-256, hex, over the reference's config and weights, the tokenizer, the max length, the data file's bytes and the pairs' ids.</summary>
    public static string Key(string dataPath, IReadOnlyList<PreferenceTokens> pairs, Gpt reference, TrainingTokenizer tokenizer)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Text(string s)
        {
            var bytes = Encoding.UTF8.GetBytes(s);
            hash.AppendData(BitConverter.GetBytes(bytes.Length));
            hash.AppendData(bytes);
        }
        void Ids(int[] ids)
        {
            hash.AppendData(BitConverter.GetBytes(ids.Length));
            hash.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(ids.AsSpan()));
        }

        Text(Format);
        Text(JsonSerializer.Serialize(reference.Config, FrugalJson.Options));
        using (var scope = NewDisposeScope())
        {
            foreach (var (name, weight) in reference.state_dict().OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                Text($"{name}:{weight.dtype}:{string.Join(",", weight.shape)}");
                var values = weight.detach().to_type(ScalarType.Float32).contiguous().data<float>().ToArray();
                hash.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()));
            }
        }
        var t = tokenizer.Tokenizer;
        Text($"{t.Kind}:{t.VocabSize}:{string.Join(",", Enum.GetValues<SpecialToken>().Select(t.SpecialId))}:max_length={tokenizer.MaxLength}");
        using (var data = File.OpenRead(dataPath)) hash.AppendData(SHA256.HashData(data));
        foreach (var pair in pairs)
        {
            Ids(pair.Prompt);
            Ids(pair.Chosen);
            Ids(pair.Rejected);
            Text(FormattableString.Invariant($"{pair.RefChosenLogps:R}/{pair.RefRejectedLogps:R}"));
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static ReferenceScores FromData(IReadOnlyList<PreferenceTokens> pairs) =>
        new([.. pairs.Select(p => p.RefChosenLogps ?? double.NaN)], [.. pairs.Select(p => p.RefRejectedLogps ?? double.NaN)]);

    /// <summary>The cache's scores, or null when it is absent, unreadable, or not for this key (then it is recomputed and replaced).</summary>
    private static ReferenceScores? TryRead(string path, string key, int count)
    {
        try
        {
            if (!File.Exists(path)) return null;
            var file = JsonSerializer.Deserialize<CacheFile>(File.ReadAllText(path), Json);
            return file is { Format: Format } && file.Key == key && file.Chosen?.Length == count && file.Rejected?.Length == count
                ? new ReferenceScores(file.Chosen!, file.Rejected!)
                : null;
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static void Write(string path, string key, ReferenceScores scores)
        => AtomicFile.WriteAllText(path, JsonSerializer.Serialize(new CacheFile(Format, key, scores.Count, scores.Chosen, scores.Rejected), Json));

    private sealed record CacheFile(
        [property: JsonPropertyName("format")] string? Format,
        [property: JsonPropertyName("key")] string? Key,
        [property: JsonPropertyName("pairs")] int Pairs,
        [property: JsonPropertyName("ref_chosen_logps")] double[]? Chosen,
        [property: JsonPropertyName("ref_rejected_logps")] double[]? Rejected);
}
