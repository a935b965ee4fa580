using System.Text.Json.Nodes;
using Frugal.Text;

namespace Frugal.Tests.Text;

public class TokenizerFilesTests
{
    [Fact]
    public void Round_trips_the_byte_tokenizer()
    {
        using var files = new TextFiles();
        var dir = Path.Combine(files.Root, "model");
        TokenizerFiles.Write(dir, ByteTokenizer.Instance);
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "tokenizer.json")))!;
        Assert.Equal("byte", (string?)json["kind"]);
        Assert.Equal(263, (int?)json["vocab_size"]);
        Assert.Equal("<|end|>", (string?)json["added_tokens"]![6]!["content"]);
        Assert.Equal(262, (int?)json["added_tokens"]![6]!["id"]);
        Assert.Same(ByteTokenizer.Instance, TokenizerFiles.Read(dir));
        Assert.Same(ByteTokenizer.Instance, TokenizerFiles.Read(dir, "byte"));
    }

    private static void Fails(string dir, Func<JsonNode, JsonNode> edit, params string[] fragments)
    {
        TokenizerFiles.Write(dir, ByteTokenizer.Instance);
        var path = Path.Combine(dir, "tokenizer.json");
        File.WriteAllText(path, edit(JsonNode.Parse(File.ReadAllText(path))!).ToJsonString());
        var e = Assert.Throws<BadInputException>(() => TokenizerFiles.Read(dir));
        Assert.StartsWith(path + ": ", e.Message);
        foreach (var fragment in fragments) Assert.Contains(fragment, e.Message);
    }

    [Fact]
    public void Other_kinds_and_other_special_ids_are_rejected_naming_the_file()
    {
        using var files = new TextFiles();
        Fails(files.Root, j => { j["kind"] = "bpe"; return j; }, "kind 'bpe'", "expected 'byte'");
        Fails(files.Root, j => { j["added_tokens"]![1]!["id"] = 300; return j; }, "special token <|eos|> has id 300, expected 257");
        Fails(files.Root, j => { j["vocab_size"] = 50257; return j; }, "vocab_size 50257, expected 263");
        Fails(files.Root, j => { j["added_tokens"]!.AsArray().RemoveAt(6); return j; }, "special token <|end|> is missing");
        Fails(files.Root, j => { j["added_tokens"]!.AsArray().Add(new JsonObject { ["id"] = 263, ["content"] = "<|tool|>" }); return j; }, "<|tool|>");
    }

    [Fact]
    public void Missing_or_malformed_files_and_a_kind_other_than_config_are_bad_input()
    {
        using var files = new TextFiles();
        var path = Path.Combine(files.Root, "tokenizer.json");
        Assert.StartsWith(path + ": not found", Assert.Throws<BadInputException>(() => TokenizerFiles.Read(files.Root)).Message);
        File.WriteAllText(path, "{\"kind\":");
        Assert.StartsWith(path + ": malformed", Assert.Throws<BadInputException>(() => TokenizerFiles.Read(files.Root)).Message);
        TokenizerFiles.Write(files.Root, ByteTokenizer.Instance);
        var e = Assert.Throws<BadInputException>(() => TokenizerFiles.Read(files.Root, "bpe"));
        Assert.StartsWith(path + ": kind 'byte', expected 'bpe'", e.Message);
    }
}
