using Frugal.Alignment;
using static TorchSharp.torch;

namespace Frugal.Tests.Alignment;

public class DpoLossMetricsTests
{
    [Fact]
    public void The_names_are_trls()
    {
        Assert.Equal(
            ["rewards/chosen", "rewards/rejected", "rewards/margins", "rewards/accuracies", "logps/chosen", "logps/rejected"],
            DpoMetrics.Names);
    }

    [Theory]
    [InlineData(ScalarType.Float64)]
    [InlineData(ScalarType.Float32)]
    public void Metrics_are_batch_means_of_a_hand_example(ScalarType dtype)
    {
        // beta 0.5; rewards chosen (0.5, -0.5, 0), rejected (0, 1, 0): the third pair ties, which is not a win.
        var policyChosen = tensor(new[] { -4.0, -6.0, -5.0 }, dtype);
        var policyRejected = tensor(new[] { -5.0, -3.0, -5.0 }, dtype);
        var reference = tensor(new[] { -5.0, -5.0, -5.0 }, dtype);
        var output = DpoLoss.Compute(policyChosen, policyRejected, reference, reference, new DpoOptions(Beta: 0.5));

        var metrics = DpoMetrics.From(output, policyChosen, policyRejected);

        Assert.Equal(DpoMetrics.Names, metrics.Keys);
        Assert.True(Math.Abs(metrics["rewards/chosen"]) <= 1e-7, $"rewards/chosen {metrics["rewards/chosen"]}");
        DpoLossAssert.Close(1.0 / 3, metrics["rewards/rejected"], 1e-7);
        DpoLossAssert.Close(-1.0 / 3, metrics["rewards/margins"], 1e-7);
        DpoLossAssert.Close(1.0 / 3, metrics["rewards/accuracies"], 1e-7);
        DpoLossAssert.Close(-5, metrics["logps/chosen"], 1e-7);
        DpoLossAssert.Close(-13.0 / 3, metrics["logps/rejected"], 1e-7);
    }
}
