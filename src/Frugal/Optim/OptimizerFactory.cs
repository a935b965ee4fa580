using Frugal.Training;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Frugal.Optim;

public static class OptimizerFactory
{
    /// <summary>SGD with momentum (optionally Nesterov), Adam, or AdamW, at the run's peak learning rate.</summary>
    public static OptimizerHelper Create(TrainConfig config, IEnumerable<Parameter> parameters) => config.Optimizer switch
    {
        OptimizerKind.Sgdm => optim.SGD(parameters, config.Lr, config.Momentum, nesterov: config.Nesterov, weight_decay: config.WeightDecay ?? 0),
        OptimizerKind.Adam => optim.Adam(parameters, config.Lr, weight_decay: config.WeightDecay ?? 0),
        OptimizerKind.AdamW => optim.AdamW(parameters, config.Lr, weight_decay: config.WeightDecay ?? 0.01),
        _ => throw new ArgumentOutOfRangeException(nameof(config), config.Optimizer, null),
    };
}
