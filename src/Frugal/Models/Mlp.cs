using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Frugal.Models;

/// <summary>
/// One hidden layer: (B, 1, rows, cols) -> flatten -> Linear(rows*cols, 256) -> ReLU -> Linear(256, classes),
/// logits (B, classes). The fully connected baseline of the REX paper's image tasks.
/// </summary>
public sealed class Mlp : Module<Tensor, Tensor>
{
    private readonly Linear fc1;
    private readonly Linear fc2;

    public Mlp(int rows = 28, int cols = 28, int classes = 10, int hidden = 256) : base(nameof(Mlp))
    {
        fc1 = Linear(rows * cols, hidden);
        fc2 = Linear(hidden, classes);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        var h = functional.relu(fc1.forward(x.flatten(1)));  // (B, hidden)
        return fc2.forward(h);                                // (B, classes)
    }
}
