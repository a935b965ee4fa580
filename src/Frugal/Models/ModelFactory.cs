using static TorchSharp.torch;

namespace Frugal.Models;

/// <summary>Builds each <see cref="ModelKind"/> for images (B, 1, rows, cols), float32 in [0, 1].</summary>
public static class ModelFactory
{
    /// <summary>
    /// A freshly initialised model (PyTorch's default initialisation, drawn from torch's RNG, so
    /// <c>torch.manual_seed</c> fixes it). ResNet is ResNet-8; build <see cref="ResNet"/> directly for deeper ones.
    /// <paramref name="classes"/> is ignored by the VAE.
    /// </summary>
    public static nn.Module<Tensor, Tensor> Create(ModelKind kind, int rows = 28, int cols = 28, int classes = 10)
    {
        // SmallCnn halves the image twice; anything smaller than 4x4 pools away to nothing.
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 4);
        ArgumentOutOfRangeException.ThrowIfLessThan(cols, 4);
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 2);
        return kind switch
        {
            ModelKind.Mlp => new Mlp(rows, cols, classes),
            ModelKind.Cnn => new SmallCnn(rows, cols, classes),
            ModelKind.ResNet => new ResNet(blocksPerStage: 1, classes),
            ModelKind.Vae => new Vae(rows, cols),
            ModelKind.Gpt => throw new ArgumentException("the GPT is built from a GptConfig (new Gpt(config)), not for images", nameof(kind)),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
    }
}
