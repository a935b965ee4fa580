using Frugal.Models;
using Frugal.Schedules;
using Frugal.Text;

namespace Frugal.Training;

/// <summary>
/// A pretraining run: which corpus, which model size, and the budget as the REX paper states it, a fraction of
/// a full step count (T = max(1, ceil(budget x full steps)), <see cref="Budget"/>). REX by default; AdamW at
/// 1e-3 (nanoGPT's rate for small character-level models) after a 2% warmup.
/// </summary>
public sealed record PretrainConfig
{
    public IReadOnlyList<string> Corpus { get; init; } = [];
    public GptPreset Preset { get; init; } = GptPreset.OneMillion;

    /// <summary>Sequence length; null = the preset's context length.</summary>
    public int? Context { get; init; }

    public int BatchSize { get; init; } = 16;

    /// <summary>The 100% budget in optimizer steps; null = one pass over the packed training sequences.</summary>
    public int? FullSteps { get; init; }

    public double Budget { get; init; } = 1;
    public ProfileKind Schedule { get; init; } = ProfileKind.Rex;
    public double Lr { get; init; } = 1e-3;
    public double WarmupRatio { get; init; } = 0.02;
    public double ValidationFraction { get; init; } = 0.05;

    /// <summary>Validation every this many steps; null = ten times over the run.</summary>
    public int? EvalEvery { get; init; }

    public int LoggingSteps { get; init; } = 10;
    public int CheckpointEvery { get; init; } = 200;
    public int Seed { get; init; }

    /// <summary>Null = the byte tokenizer; otherwise a byte-level BPE of this many learned tokens (bytes included, special tokens after), trained on the training documents.</summary>
    public int? BpeVocabSize { get; init; }

    /// <summary>Largest --tokenizer bpe:N: far beyond what a CPU-sized model's embedding can afford.</summary>
    public const int MaxBpeVocabSize = 65536;

    public GptConfig Model(int vocabSize)
    {
        var model = GptConfig.Preset(Preset) with { VocabSize = vocabSize };
        return Context is { } context ? model with { ContextLength = context } : model;
    }

    public IEnumerable<string> Validate()
    {
        if (Corpus.Count == 0) yield return "--corpus is required: a text or .jsonl file of documents";
        if (Context is <= 0) yield return $"--context must be positive, got {Context}";
        if (BatchSize <= 0) yield return $"--batch-size must be positive, got {BatchSize}";
        if (FullSteps is <= 0) yield return $"--full-steps must be positive, got {FullSteps}";
        if (!(Budget > 0 && Budget <= 1)) yield return $"--budget must be a fraction in (0, 1], got {Budget}";
        if (!(ValidationFraction > 0 && ValidationFraction < 1)) yield return $"--val-fraction must be in (0, 1), got {ValidationFraction}";
        if (BpeVocabSize is { } bpe && (bpe <= ByteTokenizer.ByteCount || bpe > MaxBpeVocabSize))
            yield return $"--tokenizer bpe:N: N must be in {ByteTokenizer.ByteCount + 1}..{MaxBpeVocabSize} (the 256 bytes plus at least one merge), got {bpe}";
        if (EvalEvery is < 0) yield return $"--eval-every must be >= 0, got {EvalEvery}";
        foreach (var problem in new CausalLmConfig { Lr = Lr, Schedule = Schedule, WarmupRatio = WarmupRatio, LoggingSteps = LoggingSteps, CheckpointEvery = CheckpointEvery }.Validate())
            yield return problem;
    }
}
