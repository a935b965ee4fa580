using Frugal.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Frugal.Tests.Models;

[Collection(TorchGlobalState.Name)]
public class GptTrainingTests
{
    /// <summary>Four copies of one random 17-token sequence: the model can learn it by heart.</summary>
    private static Tensor RepeatedSequence() =>
        tensor(GptSteps.RandomTokens(17, 32, 3).Select(id => (long)id).ToArray()).unsqueeze(0).repeat(4, 1);

    [Theory]
    [InlineData(GptPositions.Rotary, GptMlpKind.Gelu, GptNormKind.LayerNorm)]
    [InlineData(GptPositions.Learned, GptMlpKind.SwiGlu, GptNormKind.RmsNorm)]
    public void A_hundred_adamw_steps_memorise_a_repeated_sequence(GptPositions positions, GptMlpKind mlp, GptNormKind norm)
    {
        using var scope = NewDisposeScope();
        manual_seed(4);
        var model = new Gpt(GptSteps.Tiny(positions) with { Mlp = mlp, Norm = norm });
        var optimizer = optim.AdamW(model.parameters(), lr: 1e-2, weight_decay: 0);
        var sequences = RepeatedSequence();
        var start = GptSteps.Step(model, optimizer, sequences);
        var last = start;
        for (var step = 1; step < 100; step++) last = GptSteps.Step(model, optimizer, sequences);
        Assert.InRange(start, Math.Log(32) - 0.5, Math.Log(32) + 0.5);
        Assert.True(last < 0.1 * start, $"loss {start} -> {last}");
    }

    [Fact]
    public void Live_tensors_stay_flat_over_twenty_scoped_training_steps()
    {
        manual_seed(5);
        var model = new Gpt(GptSteps.Tiny() with { Dropout = 0.1 });
        var optimizer = optim.AdamW(model.parameters(), lr: 1e-3);
        using var sequences = RepeatedSequence();
        var statistics = DisposeScopeManager.Statistics.TensorStatistics;
        // The first steps create gradients and Adam's moments, which live as long as the model.
        for (var t = 0; t < 3; t++) GptSteps.Step(model, optimizer, sequences);
        var live = statistics.ThreadTotalLiveCount;
        for (var t = 3; t < 23; t++) GptSteps.Step(model, optimizer, sequences);
        Assert.Equal(live, statistics.ThreadTotalLiveCount);

        // The counter sees a leak: the same step without a scope leaves tensors behind.
        optimizer.zero_grad();
        GptSteps.Loss(model, sequences).backward();
        Assert.True(statistics.ThreadTotalLiveCount > live);
    }

    [Fact]
    public void Generation_leaves_no_live_tensors_behind()
    {
        manual_seed(6);
        var model = new Gpt(GptSteps.Tiny());
        var statistics = DisposeScopeManager.Statistics.TensorStatistics;
        var options = new GptGenerationOptions { MaxNewTokens = 30, Temperature = 1, TopP = 0.9 };
        var live = statistics.ThreadTotalLiveCount;
        model.Generate([1, 2, 3], options);
        model.Generate([1, 2, 3], options with { Temperature = 0, StopTokenIds = [5] });
        Assert.Equal(live, statistics.ThreadTotalLiveCount);
    }
}
