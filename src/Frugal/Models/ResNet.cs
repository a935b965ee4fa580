using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Frugal.Models;

/// <summary>
/// The CIFAR ResNet of "Deep Residual Learning for Image Recognition" (He et al., 2016, section 4.2),
/// for one-channel images: conv3x3(16), three stages of n <see cref="BasicBlock"/>s with 16, 32, 64
/// channels (stages 2 and 3 halve the resolution), global average pooling, Linear(64, classes).
/// 6n + 2 layers: n = 1 is ResNet-8, n = 3 ResNet-20. Any input size works; 28x28 ends at 7x7.
/// </summary>
public sealed class ResNet : Module<Tensor, Tensor>
{
    private readonly Conv2d conv1;
    private readonly BatchNorm2d bn1;
    private readonly Sequential layer1;
    private readonly Sequential layer2;
    private readonly Sequential layer3;
    private readonly Linear fc;

    public ResNet(int blocksPerStage = 1, int classes = 10) : base(nameof(ResNet))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(blocksPerStage, 1);
        BlocksPerStage = blocksPerStage;
        conv1 = Conv2d(1, 16, kernel_size: 3, padding: 1, bias: false);
        bn1 = BatchNorm2d(16);
        layer1 = Stage(16, 16, stride: 1, blocksPerStage);
        layer2 = Stage(16, 32, stride: 2, blocksPerStage);
        layer3 = Stage(32, 64, stride: 2, blocksPerStage);
        fc = Linear(64, classes);
        RegisterComponents();
    }

    public int BlocksPerStage { get; }

    /// <summary>Weighted layers: the stem, two convs a block, the classifier.</summary>
    public int Depth => 6 * BlocksPerStage + 2;

    // Only a stage's first block changes width or resolution; the rest keep identity shortcuts.
    private static Sequential Stage(int inChannels, int outChannels, int stride, int blocks) =>
        Sequential(Enumerable.Range(0, blocks)
            .Select(i => (Module<Tensor, Tensor>)(i == 0 ? new BasicBlock(inChannels, outChannels, stride) : new BasicBlock(outChannels, outChannels)))
            .ToArray());

    public override Tensor forward(Tensor x)
    {
        x = conv1.forward(x).ToChannelsLast();               // (B, 16, H, W)
        x = functional.relu(bn1.forward(x));                  // (B, 16, H, W)
        x = layer1.forward(x);                                // (B, 16, H, W)
        x = layer2.forward(x);                                // (B, 32, H/2, W/2)
        x = layer3.forward(x);                                // (B, 64, H/4, W/4)
        x = x.mean([2, 3]);                                   // (B, 64): global average pool
        return fc.forward(x);                                 // (B, classes)
    }
}
