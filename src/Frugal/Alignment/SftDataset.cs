using Frugal.Text;

namespace Frugal.Alignment;

/// <summary>SFT sequences from one file, how many examples it held, and how many were cut to the maximum length.</summary>
public sealed record SftDataset(IReadOnlyList<SftTokens> Sequences, int Examples, int Truncated)
{
    /// <summary>
    /// TRL's SFT formats: prompt-completion and conversational (through <see cref="TrainingTokenizer"/>, which masks
    /// the prompt unless --loss-on all), and language modelling {"text"} (the whole text plus &lt;|eos|&gt; is learned).
    /// </summary>
    /// <param name="option">The option that named the file, for messages.</param>
    public static SftDataset Load(string path, ITokenizer tokenizer, int maxLength, LossOn lossOn, bool packing, string option)
    {
        var kind = JsonlFormat.Detect(path);
        List<SftTokens> sequences;
        int truncated;
        if (kind.IsSft())
        {
            var training = new TrainingTokenizer(tokenizer, maxLength, lossOn);
            sequences = [.. JsonlReader.ReadSft(path).Select(training.Sft)];
            truncated = training.Truncated;
        }
        else if (kind == JsonlKind.LanguageModelling)
        {
            sequences = [.. JsonlReader.ReadText(path).Select(e => Text(e.Text, tokenizer))];
            truncated = sequences.Count(s => s.Length > maxLength);
            sequences = [.. sequences.Select(s => s.Length > maxLength ? new SftTokens(s.Ids[..maxLength], s.LossMask[..maxLength], 0) : s)];
        }
        else
        {
            throw new BadInputException($"{option} {path}: expected {JsonlKind.PromptCompletion.Describe()}, {JsonlKind.Messages.Describe()} or {JsonlKind.LanguageModelling.Describe()}, found {kind.Describe()}");
        }
        var examples = sequences.Count;
        return new SftDataset(packing ? SftPacking.Pack(sequences, maxLength) : sequences, examples, truncated);
    }

    private static SftTokens Text(string text, ITokenizer tokenizer)
    {
        int[] ids = [.. tokenizer.Encode(text), tokenizer.Eos];
        var mask = new bool[ids.Length];
        Array.Fill(mask, true);
        return new SftTokens(ids, mask, 0);
    }
}
