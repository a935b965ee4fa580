using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Frugal.Schedules;

namespace Frugal.Text;

/// <summary>
/// A model directory's tokenizer.json: which tokenizer the model was trained with and the ids of its special
/// tokens, in Hugging Face's "added_tokens" shape; a BPE tokenizer also writes its vocabulary and merges as Hugging
/// Face's "model": {"type": "BPE", "vocab", "merges"} (tokens spelled in <see cref="ByteLevelAlphabet"/>). Loading
/// checks the file against the tokenizer Frugal would build for that kind, so a model never runs with ids that mean
/// something else.
/// </summary>
public static class TokenizerFiles
{
    public const string FileName = "tokenizer.json";

    // Relaxed escaping: vocabulary tokens are written as Hugging Face writes them ("Ġthe", "<|bos|>"), not as \u escapes.
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string PathIn(string directory) => Path.Combine(directory, FileName);

    public static void Write(string directory, ITokenizer tokenizer)
    {
        Directory.CreateDirectory(directory);
        var file = new TokenizerFile(
            tokenizer.Kind,
            tokenizer.VocabSize,
            [.. EnumNames.All<SpecialToken>().Select(t => new AddedToken(tokenizer.SpecialId(t), t.Name(), true))],
            tokenizer is BpeTokenizer bpe ? BpeModel.Of(bpe) : null);
        File.WriteAllText(PathIn(directory), JsonSerializer.Serialize(file, Indented));
    }

    /// <summary>The tokenizer the directory records; anything it says that Frugal's tokenizer of that kind would not is bad input.</summary>
    public static ITokenizer Read(string directory)
    {
        var path = PathIn(directory);
        var file = Load(path);
        var tokenizer = Create(file, path);
        Check(file, tokenizer, path);
        return tokenizer;
    }

    /// <summary>As <see cref="Read(string)"/>, and the kind must be <paramref name="expectedKind"/> (what config.json says).</summary>
    public static ITokenizer Read(string directory, string expectedKind)
    {
        var tokenizer = Read(directory);
        return tokenizer.Kind == expectedKind
            ? tokenizer
            : throw new BadInputException($"{PathIn(directory)}: kind '{tokenizer.Kind}', expected '{expectedKind}' (the model's config.json): the directory mixes two models");
    }

    private const string Kinds = $"'{ByteTokenizer.KindName}' or '{BpeTokenizer.KindName}'";

    private static ITokenizer Create(TokenizerFile file, string path) => file.Kind switch
    {
        ByteTokenizer.KindName => ByteTokenizer.Instance,
        BpeTokenizer.KindName => ReadBpe(file.Model, path),
        null => throw new BadInputException($"{path}: field 'kind' is missing, expected {Kinds}"),
        _ => throw new BadInputException($"{path}: kind '{file.Kind}' is not a tokenizer Frugal knows, expected {Kinds}"),
    };

    private static BpeTokenizer ReadBpe(BpeModel? model, string path)
    {
        if (model is null) throw new BadInputException($"{path}: field 'model' is missing, expected the BPE vocabulary and merges");
        if (model.Type != "BPE") throw new BadInputException($"{path}: model.type '{model.Type}', expected 'BPE'");
        if (model.Vocab is not { Count: > 0 } vocab) throw new BadInputException($"{path}: field 'model.vocab' is missing or empty, expected token -> id");
        var tokens = new string?[vocab.Count];
        foreach (var (token, id) in vocab)
        {
            if ((uint)id >= (uint)tokens.Length || tokens[id] is not null)
                throw new BadInputException($"{path}: model.vocab: '{token}' has id {id}, expected the {vocab.Count} ids 0..{vocab.Count - 1} once each");
            if (ByteLevelAlphabet.Bytes(token) is not { Length: > 0 })
                throw new BadInputException($"{path}: model.vocab: '{token}' is not spelled in GPT-2's byte-level alphabet");
            tokens[id] = token;
        }
        for (var b = 0; b < ByteTokenizer.ByteCount; b++)
        {
            var single = ByteLevelAlphabet.Spell([(byte)b]);
            if (!vocab.ContainsKey(single))
                throw new BadInputException($"{path}: model.vocab: byte 0x{b:X2} ('{single}') has no token, so some text could not be encoded");
        }
        if (model.Merges is null) throw new BadInputException($"{path}: field 'model.merges' is missing, expected \"left right\" strings");
        var merges = new List<(string, string)>(model.Merges.Length);
        for (var i = 0; i < model.Merges.Length; i++)
        {
            var parts = (model.Merges[i] ?? "").Split(' ');
            if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
                throw new BadInputException($"{path}: model.merges[{i}]: '{model.Merges[i]}', expected two tokens separated by one space");
            foreach (var part in parts.Append(parts[0] + parts[1]))
            {
                if (!vocab.ContainsKey(part))
                    throw new BadInputException($"{path}: model.merges[{i}]: '{model.Merges[i]}' names '{part}', which is not in model.vocab");
            }
            merges.Add((parts[0], parts[1]));
        }
        return new BpeTokenizer(tokens!, merges);
    }

    private static void Check(TokenizerFile file, ITokenizer tokenizer, string path)
    {
        if (file.VocabSize != tokenizer.VocabSize)
            throw new BadInputException($"{path}: vocab_size {file.VocabSize}, expected {tokenizer.VocabSize} for the {tokenizer.Kind} tokenizer");
        var added = file.AddedTokens ?? [];
        foreach (var token in EnumNames.All<SpecialToken>())
        {
            var expected = tokenizer.SpecialId(token);
            var found = added.FirstOrDefault(a => a.Content == token.Name());
            if (found is null)
                throw new BadInputException($"{path}: special token {token.Name()} is missing, expected id {expected}");
            if (found.Id != expected)
                throw new BadInputException($"{path}: special token {token.Name()} has id {found.Id}, expected {expected} for the {tokenizer.Kind} tokenizer");
        }
        var unknown = added.FirstOrDefault(a => !EnumNames.All<SpecialToken>().Any(t => t.Name() == a.Content));
        if (unknown is not null)
            throw new BadInputException($"{path}: special token {unknown.Content} (id {unknown.Id}) is not one the {tokenizer.Kind} tokenizer has");
    }

    private static TokenizerFile Load(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<TokenizerFile>(File.ReadAllText(path))
                ?? throw new BadInputException($"{path}: holds null, expected a tokenizer description");
        }
        catch (FileNotFoundException) { throw new BadInputException($"{path}: not found: the model directory does not record its tokenizer"); }
        catch (DirectoryNotFoundException) { throw new BadInputException($"{path}: not found: the model directory does not exist"); }
        catch (JsonException e) { throw new BadInputException($"{path}: malformed ({e.Message.Split(" Path:")[0]})"); }
    }

    private sealed record TokenizerFile(
        [property: JsonPropertyName("kind")] string? Kind,
        [property: JsonPropertyName("vocab_size")] int VocabSize,
        [property: JsonPropertyName("added_tokens")] AddedToken[]? AddedTokens,
        [property: JsonPropertyName("model"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] BpeModel? Model = null);

    private sealed record BpeModel(
        [property: JsonPropertyName("type")] string? Type,
        [property: JsonPropertyName("vocab")] Dictionary<string, int>? Vocab,
        [property: JsonPropertyName("merges")] string?[]? Merges)
    {
        public static BpeModel Of(BpeTokenizer bpe) => new(
            "BPE",
            bpe.Vocabulary.Select((token, id) => (token, id)).ToDictionary(t => t.token, t => t.id),
            [.. bpe.Merges.Select(m => $"{m.Left} {m.Right}")]);
    }

    private sealed record AddedToken(
        [property: JsonPropertyName("id")] int Id,
        [property: JsonPropertyName("content")] string? Content,
        [property: JsonPropertyName("special")] bool Special);
}
