using Frugal.Models;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace Frugal.Tests.Models;

public class SmallCnnTests
{
    [Fact]
    public void Forward_is_the_documented_layer_stack_in_plain_layout()
    {
        using var scope = NewDisposeScope();
        var (x, y) = ModelSteps.Batch(16);
        var model = new SmallCnn();
        // A few steps move BatchNorm's scale, shift and running statistics away from their identity start.
        var optimizer = optim.SGD(model.parameters(), 0.1, momentum: 0.9);
        for (var t = 0; t < 3; t++) ModelSteps.Step(ModelKind.Cnn, model, optimizer, x, y);
        model.eval();
        var p = model.state_dict();

        Tensor ConvBlock(Tensor h, string conv, string bn) =>
            max_pool2d(relu(batch_norm(conv2d(h, p[$"{conv}.weight"], padding: [1, 1]),
                p[$"{bn}.running_mean"], p[$"{bn}.running_var"], p[$"{bn}.weight"], p[$"{bn}.bias"])), 2);
        using var noGrad = no_grad();
        var h = ConvBlock(ConvBlock(x, "conv1", "bn1"), "conv2", "bn2").contiguous().view(16, 32 * 7 * 7);
        var expected = linear(relu(linear(h, p["fc1.weight"], p["fc1.bias"])), p["fc2.weight"], p["fc2.bias"]);

        var actual = model.forward(x);
        Assert.True(actual.allclose(expected, rtol: 1e-4, atol: 1e-5), $"max difference {(actual - expected).abs().max().item<float>()}");
    }
}
