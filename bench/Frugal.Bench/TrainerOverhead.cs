using System.Diagnostics;
using System.Globalization;
using Frugal.Data;
using Frugal.Models;
using Frugal.Schedules;
using Frugal.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Frugal.Bench;

/// <summary>
/// Frugal's budgeted trainer against a bare TorchSharp loop doing the same work: the same MLP, the
/// same Fashion-MNIST batches in the same order, SGD with momentum, the REX learning rate written
/// every step, one validation pass and one test pass. Runs alternate, and the medians are compared.
/// </summary>
public static class TrainerOverhead
{
    public static int Run(string[] args)
    {
        var repeats = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5;
        var threads = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : Environment.ProcessorCount;
        set_num_threads(threads);
        var (train, test) = DataSource.Parse("fashion-mnist").Load();
        var data = DataSplit.Create(train, test);
        var config = new TrainConfig { Model = ModelKind.Mlp, Optimizer = OptimizerKind.Sgdm, Lr = 0.1, Schedule = ProfileKind.Rex, Budget = 1, FullEpochs = 1 };

        var bare = new List<double>();
        var frugal = new List<double>();
        var steps = 0;
        for (var r = 0; r < repeats + 1; r++)
        {
            var clock = Stopwatch.StartNew();
            steps = BareLoop(config, data);
            var bareSeconds = clock.Elapsed.TotalSeconds;
            clock.Restart();
            var result = BudgetedTrainer.Run(config, data, new RunOptions { Threads = threads });
            var frugalSeconds = clock.Elapsed.TotalSeconds;
            if (result.Steps != steps) throw new InvalidOperationException($"step counts differ: {result.Steps} vs {steps}");
            if (r == 0) continue;   // the first pair warms up the JIT and libtorch's allocator
            bare.Add(bareSeconds);
            frugal.Add(frugalSeconds);
            Console.WriteLine(FormattableString.Invariant($"repeat {r}: bare {bareSeconds:0.000} s, frugal {frugalSeconds:0.000} s"));
        }
        var ratio = Median(frugal) / Median(bare);
        var samplesPerSecond = data.Train.Count / Median(frugal);
        Console.WriteLine(FormattableString.Invariant(
            $"mlp, 1 epoch = {steps} steps, {threads} thread(s): bare {Median(bare):0.000} s, frugal {Median(frugal):0.000} s (medians of {repeats}); ratio frugal/bare = {ratio:0.000}; {samplesPerSecond:0} training samples/s including evaluation"));
        return 0;
    }

    private static int BareLoop(TrainConfig config, DataSplit data)
    {
        manual_seed(config.Seed);
        using var model = ModelFactory.Create(ModelKind.Mlp);
        using var optimizer = optim.SGD(model.parameters(), config.Lr, config.Momentum);
        var stepsPerEpoch = (data.Train.Count + config.BatchSize - 1) / config.BatchSize;
        var order = BatchOrder.Permutation(data.Train.Count, config.Seed, 0);
        var rex = new Schedule(new RexProfile());
        for (var t = 0; t < stepsPerEpoch; t++)
        {
            using var scope = NewDisposeScope();
            foreach (var group in optimizer.ParamGroups) group.LearningRate = rex.LearningRate(config.Lr, t, stepsPerEpoch);
            var start = t * config.BatchSize;
            var (images, labels) = data.Train.Batch(order.AsSpan(start, Math.Min(config.BatchSize, data.Train.Count - start)));
            optimizer.zero_grad();
            var loss = nn.functional.cross_entropy(model.forward(images), labels);
            loss.backward();
            optimizer.step();
        }
        Evaluate(model, data.Validation);
        Evaluate(model, data.Test);
        return stepsPerEpoch;
    }

    private static void Evaluate(nn.Module<Tensor, Tensor> model, ImageSet set)
    {
        model.eval();
        var indices = Enumerable.Range(0, set.Count).ToArray();
        using (no_grad())
        {
            for (var start = 0; start < set.Count; start += 1000)
            {
                using var scope = NewDisposeScope();
                var (images, labels) = set.Batch(indices.AsSpan(start, Math.Min(1000, set.Count - start)));
                nn.functional.cross_entropy(model.forward(images), labels).item<float>();
            }
        }
        model.train();
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
