using System.Text.Json;
using System.Text.Json.Serialization;
using Frugal.Schedules;

namespace Frugal.Text;

/// <summary>
/// A model directory's tokenizer.json: which tokenizer the model was trained with and the ids of its special
/// tokens, in Hugging Face's "added_tokens" shape. Loading checks the file against the tokenizer Frugal would
/// build for that kind, so a model never runs with ids that mean something else.
/// </summary>
public static class TokenizerFiles
{
    public const string FileName = "tokenizer.json";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string PathIn(string directory) => Path.Combine(directory, FileName);

    public static void Write(string directory, ITokenizer tokenizer)
    {
        Directory.CreateDirectory(directory);
        var file = new TokenizerFile(
            tokenizer.Kind,
            tokenizer.VocabSize,
            [.. EnumNames.All<SpecialToken>().Select(t => new AddedToken(tokenizer.SpecialId(t), t.Name(), true))]);
        File.WriteAllText(PathIn(directory), JsonSerializer.Serialize(file, Indented));
    }

    /// <summary>The tokenizer the directory records; anything it says that Frugal's tokenizer of that kind would not is bad input.</summary>
    public static ITokenizer Read(string directory)
    {
        var path = PathIn(directory);
        var file = Load(path);
        var tokenizer = Create(file.Kind, path);
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

    private static ITokenizer Create(string? kind, string path) => kind switch
    {
        ByteTokenizer.KindName => ByteTokenizer.Instance,
        null => throw new BadInputException($"{path}: field 'kind' is missing, expected '{ByteTokenizer.KindName}'"),
        _ => throw new BadInputException($"{path}: kind '{kind}' is not a tokenizer Frugal knows, expected '{ByteTokenizer.KindName}'"),
    };

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
        [property: JsonPropertyName("added_tokens")] AddedToken[]? AddedTokens);

    private sealed record AddedToken(
        [property: JsonPropertyName("id")] int Id,
        [property: JsonPropertyName("content")] string? Content,
        [property: JsonPropertyName("special")] bool Special);
}
