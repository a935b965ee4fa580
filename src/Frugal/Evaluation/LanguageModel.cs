using Frugal.Models;
using Frugal.Schedules;
using Frugal.Text;

namespace Frugal.Evaluation;

/// <summary>
/// A trained GPT with the tokenizer it was trained with, ready to continue prompts as text. Prompts are encoded
/// exactly as the trainers encode them (<see cref="TrainingTokenizer.Encode"/>): strings as they are,
/// conversations through the chat template ending in &lt;|assistant|&gt;. Generation ends at the first special
/// token: a model closes a plain answer with &lt;|eos|&gt; and a chat answer with &lt;|end|&gt;, and any other
/// marker means it has begun another turn. Ids the model has beyond the tokenizer's (a vocabulary padded for
/// speed) cannot be decoded and end generation the same way.
/// </summary>
public sealed class LanguageModel(Gpt model, ITokenizer tokenizer) : IDisposable
{
    private readonly TrainingTokenizer encoder = new(tokenizer, Math.Max(2, model.Config.ContextLength));
    private readonly int[] stopIds =
    [
        .. EnumNames.All<SpecialToken>().Select(tokenizer.SpecialId),
        .. Enumerable.Range(tokenizer.VocabSize, model.Config.VocabSize - tokenizer.VocabSize),
    ];

    public Gpt Model { get; } = model;

    public ITokenizer Tokenizer { get; } = tokenizer;

    /// <summary>
    /// A model directory: config.json and model.safetensors (<see cref="ModelDirectory"/>), and tokenizer.json when
    /// there is one; without it the byte tokenizer, which needs no file. The model must have an embedding for every id
    /// the tokenizer can produce.
    /// </summary>
    public static LanguageModel Load(string directory)
    {
        if (!Directory.Exists(directory)) throw new BadInputException($"{directory}: model directory not found");
        var model = ModelDirectory.Load(directory);
        try
        {
            var tokenizer = File.Exists(TokenizerFiles.PathIn(directory)) ? TokenizerFiles.Read(directory) : ByteTokenizer.Instance;
            if (model.Config.VocabSize < tokenizer.VocabSize)
            {
                throw new BadInputException($"{Path.Combine(directory, ModelDirectory.ConfigFile)}: vocab_size {model.Config.VocabSize} is smaller than the " +
                    $"{tokenizer.Kind} tokenizer's {tokenizer.VocabSize} ids: the model was not trained with this tokenizer");
            }
            return new LanguageModel(model, tokenizer);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>The ids the model is given for a prompt: what a trainer puts before the answer.</summary>
    public int[] EncodePrompt(Passage prompt) => prompt switch
    {
        Passage.Plain => encoder.Encode(prompt, new Passage.Plain("")).Prompt,
        Passage.Chat => encoder.Encode(prompt, new Passage.Chat([new ChatMessage(ChatRole.Assistant, "")])).Prompt,
        _ => throw new ArgumentOutOfRangeException(nameof(prompt), prompt, null),
    };

    /// <summary>
    /// The model's continuation of <paramref name="prompt"/> as text. A stop string ends generation and is cut off
    /// with everything after it (as lm-evaluation-harness's "until" does), so verifiers see only the answer.
    /// </summary>
    public Completion Complete(Passage prompt, SamplingOptions options)
    {
        var ids = EncodePrompt(prompt);
        var generation = Model.Generate(ids, new GptGenerationOptions
        {
            MaxNewTokens = options.MaxNewTokens,
            Temperature = options.Temperature,
            TopP = options.TopP,
            Seed = options.Seed,
            StopTokenIds = stopIds,
            StopStrings = options.StopStrings,
            Decode = options.StopStrings.Count > 0 ? (IReadOnlyList<int> tokens) => Tokenizer.Decode([.. tokens]) : null,
        });
        var text = Tokenizer.Decode(generation.Tokens);
        if (generation.Reason == GptStopReason.StopString)
        {
            var cut = options.StopStrings.Select(s => text.IndexOf(s, StringComparison.Ordinal)).Where(i => i >= 0).DefaultIfEmpty(text.Length).Min();
            text = text[..cut];
        }
        return new Completion(text, ids.Length, generation.Tokens.Length, generation.Reason);
    }

    public void Dispose() => Model.Dispose();
}

/// <summary>A generated answer: its text, the prompt's and the answer's token counts, and why generation ended.</summary>
public sealed record Completion(string Text, int PromptTokens, int NewTokens, GptStopReason Reason);
