using Frugal.Schedules;
using Frugal.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Frugal.Tests.Models;

[Collection(TorchGlobalState.Name)]
public class ModelFactoryTests
{
    public static TheoryData<ModelKind> Kinds => [.. EnumNames.All<ModelKind>().Where(k => !k.IsLanguageModel())];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Classifiers_give_logits_per_class_and_the_vae_a_loss_per_example(ModelKind kind)
    {
        using var scope = NewDisposeScope();
        var model = ModelFactory.Create(kind);
        var output = model.forward(rand(3, 1, 28, 28));
        Assert.Equal(kind.IsClassifier() ? [3L, 10] : [3L], output.shape);
        Assert.Equal(ScalarType.Float32, output.dtype);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Other_image_sizes_and_class_counts_flow_through(ModelKind kind)
    {
        using var scope = NewDisposeScope();
        var model = ModelFactory.Create(kind, rows: 30, cols: 20, classes: 5);
        model.eval();
        var output = model.forward(rand(2, 1, 30, 20));
        Assert.Equal(kind.IsClassifier() ? [2L, 5] : [2L], output.shape);
    }

    // Counted by hand (weights + biases; BatchNorm's gamma and beta; running statistics are buffers):
    // mlp    784*256+256 = 200,960; 256*10+10 = 2,570                                        -> 203,530
    // cnn    conv 1*16*9 = 144 (no bias before BN), BN 32; conv 16*32*9 = 4,608, BN 64;
    //        fc 32*7*7*128+128 = 200,832; fc 128*10+10 = 1,290                               -> 206,970
    // resnet stem 144 + BN 32; stage 1 block 2*(16*16*9) + 2*32 = 4,672;
    //        stage 2 block 16*32*9 + 32*32*9 + 2*64 + shortcut 16*32 + 64 = 14,528;
    //        stage 3 block 32*64*9 + 64*64*9 + 2*128 + shortcut 32*64 + 128 = 57,728; fc 650 -> 77,754
    // vae    784*400+400 = 314,000; two heads 2*(400*20+20) = 16,040; 20*400+400 = 8,400;
    //        400*784+784 = 314,384                                                          -> 652,824
    [Theory]
    [InlineData(ModelKind.Mlp, 203_530)]
    [InlineData(ModelKind.Cnn, 206_970)]
    [InlineData(ModelKind.ResNet, 77_754)]
    [InlineData(ModelKind.Vae, 652_824)]
    public void Parameter_counts_match_the_hand_count(ModelKind kind, long count)
    {
        Assert.Equal(count, ModelSteps.ParameterCount(ModelFactory.Create(kind)));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Thirty_steps_on_one_batch_lower_the_loss_clearly(ModelKind kind)
    {
        var (x, y) = ModelSteps.Batch(32);
        manual_seed(0);
        var model = ModelFactory.Create(kind);
        var optimizer = optim.Adam(model.parameters(), 1e-3);
        var losses = Enumerable.Range(0, 30).Select(_ => ModelSteps.Step(kind, model, optimizer, x, y)).ToList();
        // Classifiers memorise 32 labels (2.3 -> under 0.3 when measured); the VAE learns the pixel means
        // and part of each image (551 -> 393 nats when measured).
        var ratio = kind.IsClassifier() ? 0.5 : 0.85;
        Assert.True(losses[^1] < ratio * losses[0], $"{kind.Name()}: loss {losses[0]} -> {losses[^1]}, expected below {ratio} x the first");
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void The_same_seed_gives_the_same_weights_and_the_same_loss_after_five_steps(ModelKind kind)
    {
        var (x, y) = ModelSteps.Batch(16);
        (Dictionary<string, Tensor> Initial, double Loss) Run()
        {
            manual_seed(42);
            var model = ModelFactory.Create(kind);
            var initial = model.state_dict().ToDictionary(p => p.Key, p => p.Value.clone());
            var optimizer = optim.Adam(model.parameters(), 1e-3);
            for (var t = 0; t < 5; t++) ModelSteps.Step(kind, model, optimizer, x, y);
            return (initial, ModelSteps.Step(kind, model, optimizer, x, y));
        }

        var first = Run();
        var second = Run();
        Assert.Equal(first.Initial.Keys, second.Initial.Keys);
        foreach (var (key, tensor) in first.Initial)
            Assert.True(tensor.eq(second.Initial[key]).all().item<bool>(), $"{kind.Name()}: initial {key} differs");
        Assert.Equal(first.Loss, second.Loss);

        manual_seed(43);
        var other = ModelFactory.Create(kind).state_dict();
        Assert.Contains(first.Initial, p => !p.Value.eq(other[p.Key]).all().item<bool>());
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Live_tensors_stay_flat_over_fifty_scoped_steps(ModelKind kind)
    {
        var (x, y) = ModelSteps.Batch(8);
        manual_seed(0);
        var model = ModelFactory.Create(kind);
        var optimizer = optim.SGD(model.parameters(), 0.01, momentum: 0.9);
        // Per-thread counts, so tests running on other threads cannot disturb them.
        var statistics = DisposeScopeManager.Statistics.TensorStatistics;
        // The first steps create gradients and momentum buffers, which live as long as the model.
        for (var t = 0; t < 3; t++) ModelSteps.Step(kind, model, optimizer, x, y);
        var live = statistics.ThreadTotalLiveCount;
        for (var t = 3; t < 50; t++) ModelSteps.Step(kind, model, optimizer, x, y);
        Assert.Equal(live, statistics.ThreadTotalLiveCount);

        // Proof that the counter sees a leak: the same step without a scope leaves tensors behind.
        optimizer.zero_grad();
        ModelSteps.Loss(kind, model, x, y).backward();
        Assert.True(statistics.ThreadTotalLiveCount > live, $"{kind.Name()}: an unscoped step left no tensors behind");
    }

    [Fact]
    public void State_dict_keys_are_the_submodule_names()
    {
        Assert.Equal(["fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"], ModelFactory.Create(ModelKind.Mlp).state_dict().Keys);
        Assert.Equal(
            ["encoder.weight", "encoder.bias", "to_mu.weight", "to_mu.bias", "to_logvar.weight", "to_logvar.bias",
             "decoder.weight", "decoder.bias", "to_logits.weight", "to_logits.bias"],
            ModelFactory.Create(ModelKind.Vae).state_dict().Keys);
        var cnn = ModelFactory.Create(ModelKind.Cnn).state_dict().Keys;
        Assert.Contains("bn2.running_mean", cnn);
        Assert.DoesNotContain("conv1.bias", cnn);
        var resnet = ModelFactory.Create(ModelKind.ResNet).state_dict().Keys;
        Assert.Contains("layer2.0.downsample.0.weight", resnet);
        Assert.Contains("layer3.0.bn2.running_var", resnet);
        Assert.DoesNotContain("layer1.0.downsample.0.weight", resnet);
    }

    [Theory]
    [InlineData(3, 0, 10)]
    [InlineData(28, 3, 10)]
    [InlineData(28, 28, 1)]
    public void Impossible_sizes_are_refused(int rows, int cols, int classes)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ModelFactory.Create(ModelKind.Mlp, rows, cols, classes));
    }
}
