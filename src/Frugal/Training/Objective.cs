using Frugal.Data;
using Frugal.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Frugal.Training;

/// <summary>
/// What a model is trained and judged on: cross-entropy and error rate for the classifiers; for the
/// VAE the negative ELBO it returns per example (nats), which is also its test loss (REX paper, Table 7).
/// </summary>
public sealed class Objective(ModelKind kind)
{
    public bool HasError => kind.IsClassifier();

    /// <summary>Mean loss over the batch, the quantity the optimizer minimises.</summary>
    public Tensor Loss(nn.Module<Tensor, Tensor> model, Tensor images, Tensor labels) =>
        HasError ? nn.functional.cross_entropy(model.forward(images), labels) : model.forward(images).mean();

    /// <summary>Mean loss and error percentage (null for the VAE) over a whole set, in eval mode.</summary>
    public (double Loss, double? ErrorPercent) Evaluate(nn.Module<Tensor, Tensor> model, ImageSet set, int batchSize = 1000)
    {
        model.eval();
        double lossSum = 0;
        long errors = 0;
        var indices = Enumerable.Range(0, set.Count).ToArray();
        using (no_grad())
        {
            for (var start = 0; start < set.Count; start += batchSize)
            {
                using var scope = NewDisposeScope();
                var count = Math.Min(batchSize, set.Count - start);
                var (images, labels) = set.Batch(indices.AsSpan(start, count));
                var output = model.forward(images);
                if (HasError)
                {
                    lossSum += nn.functional.cross_entropy(output, labels, reduction: nn.Reduction.Sum).item<float>();
                    errors += output.argmax(1).ne(labels).sum().item<long>();
                }
                else
                {
                    lossSum += output.sum().item<float>();
                }
            }
        }
        model.train();
        return (lossSum / set.Count, HasError ? 100.0 * errors / set.Count : null);
    }
}
