using Frugal.Models;
using Frugal.Tests.Models;
using Frugal.Text;
using Frugal.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Frugal.Tests.Training;

[Collection(TorchGlobalState.Name)]
public class CausalLmTrainerTests
{
    private static readonly CausalLmConfig Config = new() { Lr = 1e-3, BatchSize = 4, StepsPerEpoch = 4, LoggingSteps = 5 };

    private static List<SftTokens> Sequences() =>
        [.. Enumerable.Range(0, 16).Select(i => new SftTokens([.. GptSteps.RandomTokens(17, 32, (ulong)i)], [.. Enumerable.Repeat(true, 17)], 0))];

    [Fact]
    public void A_non_finite_loss_stops_the_run_as_diverged_at_that_step()
    {
        manual_seed(1);
        using var model = new Gpt(GptSteps.Tiny());
        using (no_grad()) model.parameters().First().fill_(double.NaN);
        var result = CausalLmTrainer.Run(model, 0, Sequences(), null, Config with { TotalSteps = 10 }, "nan");
        Assert.True(result.IsDiverged);
        Assert.Equal(1, result.DivergedAtStep);
    }

    [Fact]
    public void Live_tensors_after_a_run_do_not_grow_with_its_length()
    {
        manual_seed(2);
        using var model = new Gpt(GptSteps.Tiny());
        var statistics = DisposeScopeManager.Statistics.TensorStatistics;
        CausalLmTrainer.Run(model, 0, Sequences(), Sequences(), Config with { TotalSteps = 3, EvalEvery = 1 }, "warm");
        var live = statistics.ThreadTotalLiveCount;
        CausalLmTrainer.Run(model, 0, Sequences(), Sequences(), Config with { TotalSteps = 5, EvalEvery = 1 }, "short");
        Assert.Equal(live, statistics.ThreadTotalLiveCount);
        CausalLmTrainer.Run(model, 0, Sequences(), Sequences(), Config with { TotalSteps = 25, EvalEvery = 1 }, "long");
        Assert.Equal(live, statistics.ThreadTotalLiveCount);
    }
}
