using System.Text.Json.Serialization;
using Frugal.Schedules;

namespace Frugal.Models;

/// <summary>
/// The architecture of a decoder-only transformer (<see cref="Gpt"/>). The defaults are the "1m" preset: a
/// model small enough to train on two CPU cores in minutes, with the choices of current small LMs (rotary
/// positions, tied embeddings, pre-norm) and GPT-2's GELU MLP and LayerNorm. Linear layers have no bias
/// (nanoGPT's bias=False, LLaMA): fewer parameters, no loss in quality at these sizes.
/// </summary>
public sealed record GptConfig
{
    /// <summary>Number of token ids; the tokenizer sets it. 265 = 256 bytes + 9 special tokens.</summary>
    public int VocabSize { get; init; } = 265;

    /// <summary>Longest sequence the model sees at once; longer contexts are cropped from the left.</summary>
    public int ContextLength { get; init; } = 256;

    public int Layers { get; init; } = 4;
    public int Heads { get; init; } = 4;

    /// <summary>Model width C, the size of every token's vector.</summary>
    public int Dim { get; init; } = 128;

    /// <summary>MLP hidden width over <see cref="Dim"/> for GELU (4 in GPT-2); SwiGLU uses 2/3 of it.</summary>
    public int MlpRatio { get; init; } = 4;

    public GptPositions Positions { get; init; } = GptPositions.Rotary;
    public GptMlpKind Mlp { get; init; } = GptMlpKind.Gelu;
    public GptNormKind Norm { get; init; } = GptNormKind.LayerNorm;

    /// <summary>Dropout on embeddings, attention weights and residual branches while training; 0 as in nanoGPT's pretraining.</summary>
    public double Dropout { get; init; }

    /// <summary>The output head reuses the token embedding, logits = x wte^T (Press and Wolf 2017).</summary>
    public bool TiedEmbeddings { get; init; } = true;

    [JsonIgnore] public int HeadDim => Dim / Heads;

    /// <summary>
    /// Hidden width of the MLP. SwiGLU has three matrices instead of two, so 2/3 of the GELU width keeps
    /// the parameter count (Shazeer 2020); rounded up to a multiple of 8 for friendlier matmul shapes.
    /// </summary>
    [JsonIgnore] public int MlpHidden => Mlp == GptMlpKind.SwiGlu ? (2 * MlpRatio * Dim / 3 + 7) / 8 * 8 : MlpRatio * Dim;

    /// <summary>Every problem, named by config.json field, empty when the model can be built.</summary>
    public IEnumerable<string> Validate()
    {
        if (VocabSize <= 0) yield return $"vocab_size must be positive, got {VocabSize}";
        if (ContextLength <= 0) yield return $"context_length must be positive, got {ContextLength}";
        if (Layers <= 0) yield return $"layers must be positive, got {Layers}";
        if (Heads <= 0) yield return $"heads must be positive, got {Heads}";
        if (Dim <= 0) yield return $"dim must be positive, got {Dim}";
        if (MlpRatio <= 0) yield return $"mlp_ratio must be positive, got {MlpRatio}";
        if (Heads > 0 && Dim > 0 && Dim % Heads != 0) yield return $"dim ({Dim}) must be divisible by heads ({Heads})";
        // Rotary turns pairs of coordinates, so each head needs an even number of them.
        if (Positions == GptPositions.Rotary && Heads > 0 && Dim > 0 && Dim % Heads == 0 && HeadDim % 2 != 0)
            yield return $"rotary positions need an even head dimension, dim / heads = {HeadDim}";
        if (!(Dropout >= 0 && Dropout < 1)) yield return $"dropout must be in [0, 1), got {Dropout}";
        if (!Enum.IsDefined(Positions)) yield return $"positions must be one of {EnumNames.List<GptPositions>()}";
        if (!Enum.IsDefined(Mlp)) yield return $"mlp must be one of {EnumNames.List<GptMlpKind>()}";
        if (!Enum.IsDefined(Norm)) yield return $"norm must be one of {EnumNames.List<GptNormKind>()}";
    }

    /// <summary>Trainable parameters of the model this config builds, by formula (a test checks it against the module).</summary>
    public long ParameterCount()
    {
        long c = Dim, v = VocabSize, h = MlpHidden;
        var norm = Norm == GptNormKind.LayerNorm ? 2 * c : c;
        var mlp = Mlp == GptMlpKind.SwiGlu ? 3 * c * h : 2 * c * h;
        var block = 4 * c * c + mlp + 2 * norm;
        return v * c
            + (Positions == GptPositions.Learned ? (long)ContextLength * c : 0)
            + Layers * block
            + norm
            + (TiedEmbeddings ? 0 : v * c);
    }

    /// <summary>
    /// Named sizes at the default vocabulary (265), parameters: tiny 33k, 1m 0.82M, 5m 4.8M, 20m 19M, 50m 49M.
    /// Widths grow with depth roughly as in GPT-2 and Chinchilla-style small models; head dim stays 32 to 64.
    /// </summary>
    public static GptConfig Preset(GptPreset preset) => preset switch
    {
        GptPreset.Tiny => new() { ContextLength = 64, Layers = 2, Heads = 2, Dim = 32 },
        GptPreset.OneMillion => new(),
        GptPreset.FiveMillion => new() { Layers = 6, Heads = 8, Dim = 256 },
        GptPreset.TwentyMillion => new() { ContextLength = 512, Layers = 6, Heads = 8, Dim = 512 },
        GptPreset.FiftyMillion => new() { ContextLength = 512, Layers = 10, Heads = 10, Dim = 640 },
        _ => throw new ArgumentOutOfRangeException(nameof(preset), preset, null),
    };

    /// <param name="option">Where the name came from, for the error message.</param>
    public static GptConfig Preset(string name, string option = "--preset") =>
        EnumNames.TryParse<GptPreset>(name, out var preset)
            ? Preset(preset)
            : throw new BadInputException($"{option}: unknown GPT preset '{name}'; expected one of {EnumNames.List<GptPreset>()}");
}
