using Frugal.Text;
using Frugal.Training;

namespace Frugal.Tests.Training;

public class CausalLmBatchTests
{
    private const int Pad = 258;
    private static readonly ByteTokenizer Tokenizer = ByteTokenizer.Instance;

    private static SftExample Plain(string prompt, string completion) => new(new Passage.Plain(prompt), new Passage.Plain(completion));

    [Fact]
    public void Prompt_tokens_carry_no_loss_token_by_token_and_padding_carries_none()
    {
        var tokenizer = new TrainingTokenizer(Tokenizer, maxLength: 64);
        var longer = tokenizer.Sft(Plain("12+30=", "42"));   // 6 prompt ids, "42" + eos
        var shorter = tokenizer.Sft(Plain("1+1=", "2"));     // 4 prompt ids, "2" + eos
        var batch = CausalLmBatch.Build([longer, shorter], Pad);

        Assert.Equal((2, longer.Length - 1), (batch.Rows, batch.Length));
        Assert.Equal((long)(longer.Length + shorter.Length), batch.SequenceTokens);
        foreach (var (sequence, row) in new[] { (longer, 0), (shorter, 1) })
        {
            for (var i = 0; i < batch.Length; i++)
            {
                var at = row * batch.Length + i;
                if (i >= sequence.Length - 1)
                {
                    Assert.Equal((long)Pad, batch.Inputs[at]);
                    Assert.Equal(CausalLmBatch.Ignore, batch.Targets[at]);
                    continue;
                }
                Assert.Equal((long)sequence.Ids[i], batch.Inputs[at]);
                // Position i predicts id i+1, which is a prompt id exactly when i+1 < the prompt length.
                var expected = i + 1 < sequence.PromptLength ? CausalLmBatch.Ignore : (long)sequence.Ids[i + 1];
                Assert.Equal(expected, batch.Targets[at]);
            }
        }
        // The targets that count are the completions and their eos: "42<eos>" and "2<eos>".
        Assert.Equal(5L, batch.LossTokens);
        Assert.Equal(new long[] { '4', '2', Tokenizer.Eos }, batch.Targets.Skip(5).Take(3));
    }

    [Fact]
    public void Conversational_examples_count_only_the_answer_and_its_end_marker()
    {
        var example = new SftExample(new Passage.Chat([new(ChatRole.User, "hi")]), new Passage.Chat([new(ChatRole.Assistant, "yo")]));
        var tokens = new TrainingTokenizer(Tokenizer, 64).Sft(example);
        var batch = CausalLmBatch.Build([tokens], Pad);
        var counted = batch.Targets.Where(t => t != CausalLmBatch.Ignore).Select(t => (int)t).ToArray();
        Assert.Equal("yo<|end|>", Tokenizer.Decode(counted));
    }

    [Fact]
    public void Loss_on_all_counts_every_target()
    {
        var tokens = new TrainingTokenizer(Tokenizer, 64, LossOn.All).Sft(Plain("ab", "c"));
        var batch = CausalLmBatch.Build([tokens], Pad);
        Assert.Equal(new long[] { 'b', 'c', Tokenizer.Eos }, batch.Targets);
        Assert.Equal(new long[] { 'a', 'b', 'c' }, batch.Inputs);
    }

    [Fact]
    public void A_sequence_without_a_target_is_refused()
    {
        Assert.Throws<ArgumentException>(() => CausalLmBatch.Build([new SftTokens([5], [true], 0)], Pad));
    }
}
