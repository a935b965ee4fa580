using Frugal.Optim;
using Frugal.Training;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Frugal.Tests.Optim;

public class OptimizerFactoryTests
{
    [Theory]
    [InlineData(OptimizerKind.Adam)]
    [InlineData(OptimizerKind.AdamW)]
    public void Adam_and_AdamW_use_PyTorchs_betas(OptimizerKind kind)
    {
        using var optimizer = OptimizerFactory.Create(new TrainConfig { Optimizer = kind, Lr = 1e-3 }, [new Parameter(zeros(3))]);
        var betas = Assert.IsAssignableFrom<optim.IBetas>(optimizer.ParamGroups.Single()).Betas;
        Assert.Equal((0.9, 0.999), betas);
    }
}
