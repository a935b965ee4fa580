using Frugal.Training;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Frugal.Optim;

public static class OptimizerFactory
{
    /// <summary>
    /// PyTorch's Adam/AdamW betas (Kingma and Ba 2015, and Hugging Face's Trainer). TorchSharp 0.107's own
    /// defaults are the same (some earlier TorchSharp factories defaulted beta2 to 0.99), but they are passed
    /// explicitly so a TorchSharp upgrade cannot move them under a pinned result.
    /// </summary>
    public const double Beta1 = 0.9, Beta2 = 0.999;

    /// <summary>SGD with momentum (optionally Nesterov), Adam, or AdamW, at the run's peak learning rate.</summary>
    public static OptimizerHelper Create(TrainConfig config, IEnumerable<Parameter> parameters) => config.Optimizer switch
    {
        OptimizerKind.Sgdm => optim.SGD(parameters, config.Lr, config.Momentum, nesterov: config.Nesterov, weight_decay: config.WeightDecay ?? 0),
        OptimizerKind.Adam => optim.Adam(parameters, config.Lr, Beta1, Beta2, weight_decay: config.WeightDecay ?? 0),
        OptimizerKind.AdamW => optim.AdamW(parameters, config.Lr, Beta1, Beta2, weight_decay: config.WeightDecay ?? 0.01),
        _ => throw new ArgumentOutOfRangeException(nameof(config), config.Optimizer, null),
    };
}
