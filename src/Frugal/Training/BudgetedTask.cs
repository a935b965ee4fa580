using Frugal.Data;
using Frugal.Models;
using Frugal.Text;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Frugal.Training;

/// <summary>
/// What <see cref="BudgetedTrainer"/> trains and how it is judged: a model, training examples addressed by
/// index, and the validation and test measures. The loop, schedule, checkpoints and budget are the trainer's.
/// </summary>
internal interface IBudgetedTask : IDisposable
{
    nn.Module Model { get; }

    IEnumerable<Parameter> Parameters { get; }

    int TrainCount { get; }

    /// <summary>Mean loss over the batch of training examples <paramref name="indices"/>, with gradient.</summary>
    Tensor Loss(ReadOnlySpan<int> indices);

    /// <summary>Called between backward and the optimizer step (gradient clipping).</summary>
    void BeforeStep();

    /// <summary>Mean loss and error percentage (null without one) in eval mode; the model goes back to training after.</summary>
    (double Loss, double? Error) Evaluate(bool test);
}

/// <summary>An image model on Fashion-MNIST-like data: classifiers with cross-entropy and error, the VAE with its loss.</summary>
internal sealed class ImageTask(TrainConfig config, DataSplit data) : IBudgetedTask
{
    private readonly nn.Module<Tensor, Tensor> _model = ModelFactory.Create(config.Model, data.Train.Rows, data.Train.Cols, data.Train.Classes);
    private readonly Objective _objective = new(config.Model);

    public nn.Module Model => _model;
    public IEnumerable<Parameter> Parameters => _model.parameters();
    public int TrainCount => data.Train.Count;

    public Tensor Loss(ReadOnlySpan<int> indices)
    {
        var (images, labels) = data.Train.Batch(indices);
        return _objective.Loss(_model, images, labels);
    }

    public void BeforeStep() { }

    public (double Loss, double? Error) Evaluate(bool test) => _objective.Evaluate(_model, test ? data.Test : data.Validation);

    public void Dispose() => _model.Dispose();
}

/// <summary>
/// A GPT pretrained on packed byte-level sequences; the loss is next-token cross-entropy in nats per token and
/// there is no error rate. Gradients are clipped at norm 1, as every transformer recipe (and <see cref="CausalLmTrainer"/>)
/// does: without it SGD's first steps on a fresh transformer can blow up, which would measure the missing clip, not the schedule.
/// </summary>
internal sealed class GptTask(TrainConfig config, GptTrialData data) : IBudgetedTask
{
    public const double MaxGradNorm = 1.0;
    private static readonly int Pad = ByteTokenizer.Instance.Pad;
    private readonly Gpt _model = new(config.GptModel(ByteTokenizer.Instance.VocabSize));

    public nn.Module Model => _model;
    public IEnumerable<Parameter> Parameters => _model.parameters();
    public int TrainCount => data.Train.Count;

    public Tensor Loss(ReadOnlySpan<int> indices)
    {
        var rows = new List<SftTokens>(indices.Length);
        foreach (var i in indices) rows.Add(data.Train[i]);
        var (inputs, targets) = CausalLmBatch.Build(rows, Pad).ToTensors();  // (B, T) each
        return CausalLmLoss.Compute(_model.forward(inputs), targets).Loss;
    }

    public void BeforeStep() => nn.utils.clip_grad_norm_(_model.parameters(), MaxGradNorm);

    public (double Loss, double? Error) Evaluate(bool test) =>
        (CausalLmTrainer.Evaluate(_model, Pad, test ? data.Test : data.Validation, config.BatchSize).Loss, null);

    public void Dispose() => _model.Dispose();
}
