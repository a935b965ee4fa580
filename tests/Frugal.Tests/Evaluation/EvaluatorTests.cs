using Frugal.Evaluation;
using Frugal.Models;
using Frugal.Tests.Models;
using Frugal.Text;

namespace Frugal.Tests.Evaluation;

[Collection(TorchGlobalState.Name)]
public class EvaluatorTests
{
    private static readonly SamplingOptions Greedy = new() { MaxNewTokens = 10 };

    private static readonly Passage[] Prompts =
    [
        new Passage.Plain("The capital of France is"),
        new Passage.Plain("2+2="),
        new Passage.Chat([new ChatMessage(ChatRole.User, "Hello?")]),
        new Passage.Chat([new ChatMessage(ChatRole.System, "Be brief."), new ChatMessage(ChatRole.User, "Why?")]),
    ];

    private static EvalRecord Record(Passage prompt, string reference, int line) => prompt switch
    {
        Passage.Plain => new EvalRecord("eval.jsonl", line, prompt, new Passage.Plain(reference), default),
        _ => new EvalRecord("eval.jsonl", line, prompt, new Passage.Chat([new ChatMessage(ChatRole.Assistant, reference)]), default),
    };

    [Fact]
    public void References_made_by_greedy_generation_score_1_and_altered_ones_score_0()
    {
        using var model = new LanguageModel(TinyLm.Random(3), TinyLm.Tokenizer);
        var references = Prompts.Select(p => model.Complete(p, Greedy).Text).ToList();
        Assert.All(references, r => Assert.NotEqual("", r.Trim()));  // the test needs answers to compare

        var right = Evaluator.Run(model, [.. Prompts.Select((p, i) => Record(p, references[i], i + 1))], new ExactMatchVerifier(), Greedy);
        Assert.Equal(1.0, right.Accuracy);
        Assert.Equal((4, 4), (right.Count, right.Passed));
        Assert.Equal(WilsonInterval.Of(4, 4), right.Interval);
        Assert.Equal(references, right.Items.Select(i => i.Completion));
        Assert.Equal([1, 2, 3, 4], right.Items.Select(i => i.Line));

        var wrong = Evaluator.Run(model, [.. Prompts.Select((p, i) => Record(p, references[i] + "!", i + 1))], new ExactMatchVerifier(), Greedy);
        Assert.Equal(0.0, wrong.Accuracy);
        Assert.Equal(WilsonInterval.Of(0, 4), wrong.Interval);
        Assert.All(wrong.Items, i => Assert.Contains("differs from the reference", i.Reason));
    }

    [Fact]
    public void A_model_that_learned_the_answers_scores_1_on_final_answers_and_0_on_wrong_ones()
    {
        (string, string)[] pairs = [("1+1=", "#### 2"), ("2+5=", "#### 7"), ("3+3=", "#### 6")];
        using var model = new LanguageModel(TinyLm.Memorised(pairs, seed: 5), TinyLm.Tokenizer);

        var right = Evaluator.Run(model, [.. pairs.Select(p => EvalRecord.Of(p.Item1, $"Step 1: {p.Item1}\n{p.Item2}"))], new FinalAnswerVerifier(), Greedy);
        Assert.Equal(pairs.Select(p => p.Item2), right.Items.Select(i => i.Completion));
        Assert.All(right.Items, i => Assert.Equal(GptStopReason.StopToken, i.Stop));  // <|eos|> ended each answer
        Assert.Equal(1.0, right.Accuracy);

        var wrong = Evaluator.Run(model, [.. pairs.Select(p => EvalRecord.Of(p.Item1, "#### 1,000"))], new FinalAnswerVerifier(), Greedy);
        Assert.Equal(0.0, wrong.Accuracy);
        Assert.Equal("final answer '2' != '1,000'", wrong.Items[0].Reason);
    }

    [Fact]
    public void Records_are_checked_before_anything_is_generated()
    {
        using var model = new LanguageModel(TinyLm.Random(3), TinyLm.Tokenizer);
        var reports = 0;
        var records = new[] { EvalRecord.Of("a", "#### 1"), new EvalRecord("eval.jsonl", 9, new Passage.Plain("b"), new Passage.Plain("1"), default) };
        var error = Assert.Throws<BadInputException>(() =>
            Evaluator.Run(model, records, new FinalAnswerVerifier(), Greedy, new Progress(() => reports++)));
        Assert.Equal("eval.jsonl:9: the reference has no '####' line, which the final-answer verifier compares against", error.Message);
        Assert.Equal(0, reports);
        Assert.Throws<BadInputException>(() => Evaluator.Run(model, records[..1], new FinalAnswerVerifier(), Greedy with { MaxNewTokens = 0 }));
    }

    [Fact]
    public void Prompts_are_encoded_as_the_sft_trainer_encodes_them()
    {
        using var model = new LanguageModel(TinyLm.Random(3), TinyLm.Tokenizer);
        var training = new TrainingTokenizer(TinyLm.Tokenizer, 1000);
        foreach (var prompt in Prompts)
        {
            var answer = prompt is Passage.Plain ? (Passage)new Passage.Plain("x") : new Passage.Chat([new ChatMessage(ChatRole.Assistant, "x")]);
            var sft = training.Sft(new SftExample(prompt, answer));
            Assert.Equal(sft.Ids[..sft.PromptLength], model.EncodePrompt(prompt));
        }
        var chat = (Passage.Chat)Prompts[3];
        Assert.Equal(new ChatTemplate(TinyLm.Tokenizer).RenderPrompt(chat.Messages), model.EncodePrompt(chat));
        Assert.Equal(TinyLm.Tokenizer.SpecialId(SpecialToken.Assistant), model.EncodePrompt(chat)[^1]);
    }

    [Fact]
    public void A_stop_string_ends_the_answer_and_is_cut_off()
    {
        using var model = new LanguageModel(TinyLm.Random(3), TinyLm.Tokenizer);
        var free = model.Complete(Prompts[0], Greedy with { MaxNewTokens = 12 }).Text;
        var stop = free.Substring(4, 2);
        var stopped = model.Complete(Prompts[0], Greedy with { MaxNewTokens = 12, StopStrings = [stop] });
        Assert.Equal(GptStopReason.StopString, stopped.Reason);
        Assert.Equal(free[..free.IndexOf(stop, StringComparison.Ordinal)], stopped.Text);
    }

    [Fact]
    public void Sampling_is_seeded_per_record_so_a_limit_keeps_the_first_answers()
    {
        using var model = new LanguageModel(TinyLm.Random(3), TinyLm.Tokenizer);
        var sampling = Greedy with { Temperature = 1.0, Seed = 11 };
        var records = Prompts.Select((p, i) => Record(p, "z", i + 1)).ToArray();
        var all = Evaluator.Run(model, records, new ExactMatchVerifier(), sampling).Items.Select(i => i.Completion).ToList();
        var firstTwo = Evaluator.Run(model, records[..2], new ExactMatchVerifier(), sampling).Items.Select(i => i.Completion);
        Assert.Equal(all[..2], firstTwo);
        var reseeded = Evaluator.Run(model, records, new ExactMatchVerifier(), sampling with { Seed = 12 }).Items.Select(i => i.Completion);
        Assert.NotEqual(all, reseeded);
    }

    [Fact]
    public void A_vocabulary_larger_than_the_tokenizers_is_accepted_and_a_smaller_one_is_not()
    {
        using var files = new Frugal.Tests.Text.TextFiles();
        var padded = TinyLm.Save(TinyLm.Random(3, TinyLm.Config with { VocabSize = 272 }), Path.Combine(files.Root, "padded"));
        using (var model = LanguageModel.Load(padded))
        {
            // Ids 263..271 have no text: generation ends at them like at a special token, so decoding never fails.
            var completion = model.Complete(Prompts[0], Greedy with { MaxNewTokens = 40 });
            Assert.True(completion.NewTokens <= 40);
        }
        var small = TinyLm.Save(TinyLm.Random(3, TinyLm.Config with { VocabSize = 256 }), Path.Combine(files.Root, "small"));
        var error = Assert.Throws<BadInputException>(() => LanguageModel.Load(small));
        Assert.Contains("vocab_size 256 is smaller than the byte tokenizer's 263 ids", error.Message);
    }

    [Fact]
    public void Workers_side_by_side_give_the_same_items_in_file_order_as_one()
    {
        using var model = new LanguageModel(TinyLm.Random(3), TinyLm.Tokenizer);
        model.Model.train();
        var records = Enumerable.Range(0, 9).Select(i => Record(Prompts[i % Prompts.Length], "#### 1", i + 1)).ToArray();
        var sampling = Greedy with { Temperature = 0.8, Seed = 2 };
        var reports = new List<int>();
        var one = Evaluator.Run(model, records, new FinalAnswerVerifier(), sampling);
        var three = Evaluator.Run(model, records, new FinalAnswerVerifier(), sampling, new Progress(() => { lock (reports) reports.Add(reports.Count + 1); }),
            workers: 3, threadsPerWorker: 1);
        Assert.Equal(one.Items, three.Items);
        Assert.Equal(Enumerable.Range(1, 9), reports);
        Assert.True(model.Model.training);  // restored
    }

    private sealed class Progress(Action report) : IProgress<EvalProgress>
    {
        public void Report(EvalProgress value) => report();
    }
}
