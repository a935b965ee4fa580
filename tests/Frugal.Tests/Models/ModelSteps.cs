using Frugal.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Frugal.Tests.Models;

/// <summary>A fixed batch and the training step every model test shares.</summary>
internal static class ModelSteps
{
    /// <summary>
    /// Binary images whose pixels are on with a per-pixel probability, like MNIST strokes (so the VAE has a
    /// pixel mean to learn), and random labels for the classifiers to memorise. Its own generator, so the
    /// batch does not depend on the global seed.
    /// </summary>
    public static (Tensor X, Tensor Y) Batch(int size, long seed = 1)
    {
        using var generator = new Generator((ulong)seed);
        using var uniform = rand([size, 1, 28, 28], generator: generator);
        using var onProbability = rand([1, 1, 28, 28], generator: generator);
        return ((uniform < onProbability).to(ScalarType.Float32), randint(0, 10, [size], generator: generator));
    }

    /// <summary>Cross-entropy for classifiers; the mean negative ELBO for the VAE, whose forward is its loss.</summary>
    public static Tensor Loss(ModelKind kind, nn.Module<Tensor, Tensor> model, Tensor x, Tensor y) =>
        kind.IsClassifier() ? nn.functional.cross_entropy(model.forward(x), y) : model.forward(x).mean();

    /// <summary>One optimizer step inside its own dispose scope; returns the loss before the step.</summary>
    public static double Step(ModelKind kind, nn.Module<Tensor, Tensor> model, optim.Optimizer optimizer, Tensor x, Tensor y)
    {
        using var scope = NewDisposeScope();
        optimizer.zero_grad();
        var loss = Loss(kind, model, x, y);
        loss.backward();
        optimizer.step();
        return loss.item<float>();
    }

    public static long ParameterCount(nn.Module model) => model.parameters().Sum(p => p.numel());
}
