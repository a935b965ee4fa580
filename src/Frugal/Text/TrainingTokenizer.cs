namespace Frugal.Text;

/// <summary>
/// Turns SFT and preference examples into ids for training: strings are encoded as they are and end with
/// &lt;|eos|&gt;; conversations go through the <see cref="ChatTemplate"/> and end with &lt;|end|&gt;. Sequences
/// longer than <see cref="MaxLength"/> are cut by <see cref="Truncation.Fit"/>; <see cref="Truncated"/> counts
/// the examples cut, for the caller to report once.
/// </summary>
public sealed class TrainingTokenizer
{
    private readonly ChatTemplate template;
    private int truncated;

    public TrainingTokenizer(ITokenizer tokenizer, int maxLength, LossOn lossOn = LossOn.Completion)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 2);
        Tokenizer = tokenizer;
        MaxLength = maxLength;
        LossOn = lossOn;
        template = new ChatTemplate(tokenizer);
    }

    public ITokenizer Tokenizer { get; }

    public int MaxLength { get; }

    public LossOn LossOn { get; }

    /// <summary>Examples cut so far (an SFT example or a preference pair counts once).</summary>
    public int Truncated => Volatile.Read(ref truncated);

    public SftTokens Sft(SftExample example)
    {
        var (prompt, completion) = Encode(example.Prompt, example.Completion);
        var (keepPrompt, keepCompletion) = Fit(prompt.Length, completion.Length);
        int[] ids = [.. prompt.AsSpan(prompt.Length - keepPrompt), .. completion.AsSpan(0, keepCompletion)];
        var mask = new bool[ids.Length];
        mask.AsSpan(LossOn == LossOn.All ? 0 : keepPrompt).Fill(true);
        return new SftTokens(ids, mask, keepPrompt);
    }

    public PreferenceTokens Preference(PreferenceExample example)
    {
        var (prompt, chosen) = Encode(example.Prompt, example.Chosen);
        var (_, rejected) = Encode(example.Prompt, example.Rejected);
        var (keepPrompt, keepAnswer) = Fit(prompt.Length, Math.Max(chosen.Length, rejected.Length));
        return new PreferenceTokens(
            prompt[(prompt.Length - keepPrompt)..],
            chosen[..Math.Min(chosen.Length, keepAnswer)],
            rejected[..Math.Min(rejected.Length, keepAnswer)],
            example.RefChosenLogps,
            example.RefRejectedLogps);
    }

    /// <summary>The prompt's ids and the answer's, closing token included, before truncation.</summary>
    public (int[] Prompt, int[] Answer) Encode(Passage prompt, Passage answer) => (prompt, answer) switch
    {
        (Passage.Plain p, Passage.Plain a) => (Tokenizer.Encode(p.Text), [.. Tokenizer.Encode(a.Text), Tokenizer.Eos]),
        (Passage.Chat p, Passage.Chat a) => (template.RenderPrompt(p.Messages), template.RenderCompletion(a.Messages)),
        _ => throw new ArgumentException("a prompt and its answer are both strings or both conversations", nameof(answer)),
    };

    private (int Prompt, int Answer) Fit(int prompt, int answer)
    {
        var kept = Truncation.Fit(prompt, answer, MaxLength);
        if (kept != (prompt, answer)) Interlocked.Increment(ref truncated);
        return kept;
    }
}
