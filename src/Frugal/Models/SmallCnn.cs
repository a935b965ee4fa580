using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Frugal.Models;

/// <summary>
/// Two conv blocks and a small head, cheap enough to train dozens of times on two CPU cores:
/// [conv3x3 -> BatchNorm -> ReLU -> maxpool2] x 2 (16 then 32 channels), Linear(32 * rows/4 * cols/4, 128),
/// ReLU, Linear(128, classes); logits (B, classes).
/// </summary>
public sealed class SmallCnn : Module<Tensor, Tensor>
{
    private readonly Conv2d conv1;
    private readonly BatchNorm2d bn1;
    private readonly Conv2d conv2;
    private readonly BatchNorm2d bn2;
    private readonly Linear fc1;
    private readonly Linear fc2;

    public SmallCnn(int rows = 28, int cols = 28, int classes = 10) : base(nameof(SmallCnn))
    {
        // A bias before BatchNorm is subtracted away with the batch mean; BN's own shift replaces it.
        conv1 = Conv2d(1, 16, kernel_size: 3, padding: 1, bias: false);
        bn1 = BatchNorm2d(16);
        conv2 = Conv2d(16, 32, kernel_size: 3, padding: 1, bias: false);
        bn2 = BatchNorm2d(32);
        fc1 = Linear(32 * (rows / 4) * (cols / 4), 128);
        fc2 = Linear(128, classes);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        x = conv1.forward(x).ToChannelsLast();                                          // (B, 16, rows, cols)
        x = functional.max_pool2d(functional.relu(bn1.forward(x)), 2);                  // (B, 16, rows/2, cols/2)
        x = functional.max_pool2d(functional.relu(bn2.forward(conv2.forward(x))), 2);  // (B, 32, rows/4, cols/4)
        x = functional.relu(fc1.forward(x.flatten(1)));                                 // (B, 128), flattened in (C, H, W) order
        return fc2.forward(x);                                                          // (B, classes)
    }
}
