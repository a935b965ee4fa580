using Frugal.Data;
using Frugal.Models;
using Frugal.Text;

namespace Frugal.Tests.Training;

/// <summary>A temporary folder with small corpora and model directories for language-model tests, deleted on dispose.</summary>
public sealed class LmFiles : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("frugal-lm-").FullName;

    public void Dispose() => Directory.Delete(Root, recursive: true);

    public string PathOf(string name) => Path.Combine(Root, name);

    public string Write(string name, string text)
    {
        var path = PathOf(name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>A generated corpus of <paramref name="documents"/> documents.</summary>
    public string Corpus(int documents, int seed = 1, string name = "corpus.txt")
    {
        var path = PathOf(name);
        CorpusGenerator.Write(path, CorpusGenerator.Documents(documents, seed));
        return path;
    }

    /// <summary>The same short document over and over: a model must learn it within a few dozen steps.</summary>
    public string RepetitiveCorpus(string name = "repeat.txt") =>
        Write(name, string.Join("\n\n", Enumerable.Repeat("the cat sat on the mat. the dog sat on the log.", 200)) + "\n");

    /// <summary>A freshly initialised tiny GPT saved as a model directory with the byte tokenizer.</summary>
    public string TinyModel(string name = "base", int context = 64)
    {
        var directory = PathOf(name);
        TorchSharp.torch.manual_seed(11);
        using var model = new Gpt(GptConfig.Preset(GptPreset.Tiny) with { ContextLength = context, VocabSize = ByteTokenizer.Instance.VocabSize });
        ModelDirectory.Save(directory, model);
        TokenizerFiles.Write(directory, ByteTokenizer.Instance);
        return directory;
    }
}
