using Frugal.Models;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Frugal.Tests.Models;

public class ResNetTests
{
    [Theory]
    [InlineData(1, 8)]
    [InlineData(3, 20)]
    public void Depth_is_6n_plus_2_weighted_layers_on_the_main_path(int blocksPerStage, int depth)
    {
        var model = new ResNet(blocksPerStage);
        Assert.Equal(depth, model.Depth);
        // 1x1 shortcut convs are not on the main path; every 3x3 conv and the classifier are.
        var layers = model.modules().Count(m => m is Conv2d c && c.weight!.shape[^1] == 3 || m is Linear);
        Assert.Equal(depth, layers);
    }

    // ResNet-20 = ResNet-8 (77,754) + two more identity blocks a stage:
    // stage 1 2*4,672 = 9,344; stage 2 2*(2*32*32*9 + 2*64) = 37,120; stage 3 2*(2*64*64*9 + 2*128) = 147,968.
    [Fact]
    public void ResNet20_has_the_hand_counted_parameters()
    {
        Assert.Equal(272_186, ModelSteps.ParameterCount(new ResNet(blocksPerStage: 3)));
    }

    [Fact]
    public void ResNet20_gives_logits_per_class()
    {
        using var scope = NewDisposeScope();
        Assert.Equal([2L, 10], new ResNet(blocksPerStage: 3).forward(rand(2, 1, 28, 28)).shape);
    }

    [Fact]
    public void Fewer_than_one_block_a_stage_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ResNet(blocksPerStage: 0));
    }
}
