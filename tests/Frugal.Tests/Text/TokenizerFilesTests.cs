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

    private static void Fails(string dir, Func<JsonNode, JsonNode> edit, params string[] fragments) =>
        Fails(dir, ByteTokenizer.Instance, edit, fragments);

    private static void Fails(string dir, ITokenizer tokenizer, Func<JsonNode, JsonNode> edit, params string[] fragments)
    {
        TokenizerFiles.Write(dir, tokenizer);
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
        Fails(files.Root, j => { j["kind"] = "wordpiece"; return j; }, "kind 'wordpiece'", "expected 'byte' or 'bpe'");
        Fails(files.Root, j => { j["kind"] = "bpe"; return j; }, "field 'model' is missing");
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

    [Fact]
    public void Round_trips_a_bpe_tokenizer_in_hugging_faces_shape()
    {
        using var files = new TextFiles();
        var bpe = BpeTrainer.Train(BpeTrainerTests.Corpus(), 300);
        TokenizerFiles.Write(files.Root, bpe);
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(files.Root, "tokenizer.json")))!;
        Assert.Equal("bpe", (string?)json["kind"]);
        Assert.Equal(307, (int?)json["vocab_size"]);
        Assert.Equal("BPE", (string?)json["model"]!["type"]);
        Assert.Equal(300, json["model"]!["vocab"]!.AsObject().Count);
        Assert.Equal(32, (int?)json["model"]!["vocab"]!["Ġ"]);
        Assert.Equal($"{bpe.Merges[0].Left} {bpe.Merges[0].Right}", (string?)json["model"]!["merges"]![0]);
        Assert.Equal(300, (int?)json["added_tokens"]![0]!["id"]);

        var read = Assert.IsType<BpeTokenizer>(TokenizerFiles.Read(files.Root, "bpe"));
        Assert.Equal(bpe.Vocabulary, read.Vocabulary);
        Assert.Equal(bpe.Merges, read.Merges);
        var text = "The cat didn't sit — naïve 日本語 🙂";
        Assert.Equal(bpe.Encode(text), read.Encode(text));
        Assert.Equal(text, read.Decode(read.Encode(text)));
    }

    [Fact]
    public void Bad_bpe_files_are_rejected_naming_the_file()
    {
        using var files = new TextFiles();
        var bpe = BpeTrainer.Train(BpeTrainerTests.Corpus(), 300);
        Fails(files.Root, bpe, j => { j["model"]!.AsObject().Remove("vocab"); return j; }, "field 'model.vocab' is missing");
        Fails(files.Root, bpe, j => { j["model"]!.AsObject().Remove("merges"); return j; }, "field 'model.merges' is missing");
        Fails(files.Root, bpe, j => { j["model"]!["merges"]![2] = "Ġ zzzq"; return j; }, "model.merges[2]: 'Ġ zzzq' names 'zzzq', which is not in model.vocab");
        Fails(files.Root, bpe, j => { j["model"]!["merges"]![0] = "ab"; return j; }, "model.merges[0]: 'ab', expected two tokens");
        Fails(files.Root, bpe, j => { j["vocab_size"] = 263; return j; }, "vocab_size 263, expected 307 for the bpe tokenizer");
        Fails(files.Root, bpe, j => { j["model"]!["vocab"]!["a"] = 299; return j; }, "has id 299, expected the 300 ids 0..299 once each");
        Fails(files.Root, bpe, j => { j["model"]!["type"] = "WordPiece"; return j; }, "model.type 'WordPiece', expected 'BPE'");
        Fails(files.Root, bpe, j =>
        {
            // Drop byte 'a' and give its id to a token spelled outside the byte-level alphabet.
            var vocab = j["model"]!["vocab"]!.AsObject();
            var id = (int)vocab["a"]!;
            vocab.Remove("a");
            vocab[" "] = id;
            return j;
        }, "' ' is not spelled in GPT-2's byte-level alphabet");
        Fails(files.Root, bpe, j =>
        {
            var vocab = j["model"]!["vocab"]!.AsObject();
            var id = (int)vocab["a"]!;
            vocab.Remove("a");
            vocab["ĠĠĠĠĠĠĠĠq"] = id;
            return j;
        }, "byte 0x61 ('a') has no token");
        Fails(files.Root, bpe, j => { j["added_tokens"]![0]!["id"] = 256; return j; }, "special token <|bos|> has id 256, expected 300");
    }
}
