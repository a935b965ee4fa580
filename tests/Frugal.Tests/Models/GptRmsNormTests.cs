using Frugal.Models;
using static TorchSharp.torch;

namespace Frugal.Tests.Models;

public class GptRmsNormTests
{
    [Fact]
    public void Rms_norm_is_x_over_root_mean_square_plus_eps_times_the_gain()
    {
        using var scope = NewDisposeScope();
        var norm = new RmsNorm(4, eps: 1e-3);
        using (no_grad()) norm.parameters().Single().copy_(tensor(new[] { 1f, 2f, -1f, 0.5f }));
        float[] x = [3, -4, 1, 2];
        var meanSquare = x.Average(v => (double)v * v);
        var expected = x.Zip(new[] { 1.0, 2, -1, 0.5 }, (v, w) => v / Math.Sqrt(meanSquare + 1e-3) * w).ToArray();
        var actual = norm.forward(tensor(x).reshape(1, 1, 4)).reshape(4).data<float>().ToArray();
        for (var i = 0; i < 4; i++) Assert.Equal(expected[i], actual[i], 5);
    }

    [Fact]
    public void Rms_norm_normalises_each_position_separately_and_has_only_a_gain()
    {
        using var scope = NewDisposeScope();
        var norm = new RmsNorm(8);
        var y = norm.forward(randn(2, 3, 8) * tensor(new[] { 1f, 10f, 100f }).reshape(1, 3, 1));  // (2, 3, 8)
        var rms = y.square().mean([-1]).sqrt();  // (2, 3): 1 with unit gain
        Assert.True(rms.allclose(ones(2, 3), rtol: 1e-4, atol: 1e-4));
        Assert.Equal(["weight"], norm.state_dict().Keys);
    }
}
