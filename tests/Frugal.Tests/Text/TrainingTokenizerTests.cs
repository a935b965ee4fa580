using Frugal.Text;

namespace Frugal.Tests.Text;

public class TrainingTokenizerTests
{
    private static readonly ByteTokenizer Tokenizer = ByteTokenizer.Instance;
    private const int Eos = 257, User = 259, Assistant = 260, End = 262;

    private static int[] Bytes(string s) => [.. s.Select(c => (int)c)];

    private static SftExample Plain(string prompt, string completion) => new(new Passage.Plain(prompt), new Passage.Plain(completion));

    [Fact]
    public void Completion_only_mask_is_zero_on_the_prompt_and_one_on_the_completion_and_eos()
    {
        var tokens = new TrainingTokenizer(Tokenizer, maxLength: 64).Sft(Plain("2+2=", "4."));
        Assert.Equal([.. Bytes("2+2="), .. Bytes("4."), Eos], tokens.Ids);
        Assert.Equal([false, false, false, false, true, true, true], tokens.LossMask);
        Assert.Equal((4, 3), (tokens.PromptLength, tokens.LossTokens));
    }

    [Fact]
    public void Conversational_mask_covers_the_answer_and_its_end_marker()
    {
        var example = new SftExample(
            new Passage.Chat([new(ChatRole.User, "hi")]),
            new Passage.Chat([new(ChatRole.Assistant, "yo")]));
        var tokens = new TrainingTokenizer(Tokenizer, maxLength: 64).Sft(example);
        int[] prompt = [User, .. Bytes("hi"), End, Assistant];
        Assert.Equal([.. prompt, .. Bytes("yo"), End], tokens.Ids);
        for (var i = 0; i < tokens.Length; i++) Assert.Equal(i >= prompt.Length, tokens.LossMask[i]);
        Assert.Equal("<|user|>hi<|end|><|assistant|>yo<|end|>", Tokenizer.Decode(tokens.Ids));
    }

    [Fact]
    public void Loss_on_all_masks_every_token()
    {
        var tokens = new TrainingTokenizer(Tokenizer, maxLength: 64, LossOn.All).Sft(Plain("2+2=", "4"));
        Assert.Equal(6, tokens.Length);
        Assert.All(tokens.LossMask, Assert.True);
    }

    [Fact]
    public void Truncation_keeps_the_prompt_end_and_the_answer_start_and_counts_examples()
    {
        var tokenizer = new TrainingTokenizer(Tokenizer, maxLength: 8);
        var fits = tokenizer.Sft(Plain("abc", "de"));
        Assert.Equal(0, tokenizer.Truncated);
        var longPrompt = tokenizer.Sft(Plain("0123456789", "xy"));
        Assert.Equal([.. Bytes("56789"), .. Bytes("xy"), Eos], longPrompt.Ids);
        Assert.Equal(5, longPrompt.PromptLength);
        var bothLong = tokenizer.Sft(Plain("0123456789", "abcdefghij"));
        Assert.Equal([.. Bytes("6789"), .. Bytes("abcd")], bothLong.Ids);
        Assert.Equal([false, false, false, false, true, true, true, true], bothLong.LossMask);
        Assert.Equal(2, tokenizer.Truncated);
        Assert.Equal(6, fits.Length);
    }

    [Theory]
    [InlineData(3, 4, 8, 3, 4)]
    [InlineData(10, 3, 8, 5, 3)]
    [InlineData(3, 10, 8, 3, 5)]
    [InlineData(10, 10, 8, 4, 4)]
    [InlineData(0, 10, 8, 0, 8)]
    public void Fit_shares_the_length(int prompt, int answer, int max, int keptPrompt, int keptAnswer) =>
        Assert.Equal((keptPrompt, keptAnswer), Truncation.Fit(prompt, answer, max));

    [Fact]
    public void Preference_pairs_become_prompt_chosen_and_rejected_ids()
    {
        var tokenizer = new TrainingTokenizer(Tokenizer, maxLength: 64);
        var tokens = tokenizer.Preference(new PreferenceExample(new Passage.Plain("Q:"), new Passage.Plain("yes"), new Passage.Plain("no"), -1, -2));
        Assert.Equal(Bytes("Q:"), tokens.Prompt);
        Assert.Equal([.. Bytes("yes"), Eos], tokens.Chosen);
        Assert.Equal([.. Bytes("no"), Eos], tokens.Rejected);
        Assert.Equal((-1.0, -2.0), (tokens.RefChosenLogps, tokens.RefRejectedLogps));

        var chat = tokenizer.Preference(new PreferenceExample(
            new Passage.Chat([new(ChatRole.User, "Q")]),
            new Passage.Chat([new(ChatRole.Assistant, "yes")]),
            new Passage.Chat([new(ChatRole.Assistant, "no")])));
        Assert.Equal([User, 'Q', End, Assistant], chat.Prompt);
        Assert.Equal([.. Bytes("yes"), End], chat.Chosen);
        Assert.Equal([.. Bytes("no"), End], chat.Rejected);
        Assert.Equal(0, tokenizer.Truncated);
    }

    [Fact]
    public void Preference_truncation_cuts_both_answers_to_the_same_room_and_counts_the_pair_once()
    {
        var tokenizer = new TrainingTokenizer(Tokenizer, maxLength: 6);
        var tokens = tokenizer.Preference(new PreferenceExample(new Passage.Plain("PROMPT"), new Passage.Plain("chosen"), new Passage.Plain("no")));
        Assert.Equal(Bytes("MPT"), tokens.Prompt);
        Assert.Equal(Bytes("cho"), tokens.Chosen);
        Assert.Equal([.. Bytes("no"), Eos], tokens.Rejected);
        Assert.Equal(1, tokenizer.Truncated);
    }
}
