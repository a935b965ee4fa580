using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Frugal.Models;

/// <summary>
/// The residual block of "Deep Residual Learning for Image Recognition" (He et al., 2016):
/// y = ReLU(BN(conv3x3(ReLU(BN(conv3x3(x))))) + shortcut(x)). The shortcut is the identity, or a
/// strided 1x1 conv + BN (the paper's option B) where the block changes width or resolution.
/// Submodule names follow torchvision's BasicBlock, so checkpoint keys read the same.
/// </summary>
public sealed class BasicBlock : Module<Tensor, Tensor>
{
    private readonly Conv2d conv1;
    private readonly BatchNorm2d bn1;
    private readonly Conv2d conv2;
    private readonly BatchNorm2d bn2;
    private readonly Sequential? downsample;

    public BasicBlock(int inChannels, int outChannels, int stride = 1) : base(nameof(BasicBlock))
    {
        conv1 = Conv2d(inChannels, outChannels, kernel_size: 3, stride: stride, padding: 1, bias: false);
        bn1 = BatchNorm2d(outChannels);
        conv2 = Conv2d(outChannels, outChannels, kernel_size: 3, padding: 1, bias: false);
        bn2 = BatchNorm2d(outChannels);
        if (stride != 1 || inChannels != outChannels)
            downsample = Sequential(Conv2d(inChannels, outChannels, kernel_size: 1, stride: stride, bias: false), BatchNorm2d(outChannels));
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        var h = functional.relu(bn1.forward(conv1.forward(x)));  // (B, out, H/stride, W/stride)
        h = bn2.forward(conv2.forward(h));                       // (B, out, H/stride, W/stride)
        var shortcut = downsample is null ? x : downsample.forward(x);
        return functional.relu(h + shortcut);
    }
}
