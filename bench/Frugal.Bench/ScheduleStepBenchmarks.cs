using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Frugal.Optim;
using Frugal.Schedules;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch.optim.lr_scheduler;

namespace Frugal.Bench;

/// <summary>
/// The cost of one schedule step: Frugal's pure function, Frugal's TorchSharp adapter, and
/// TorchSharp's own CosineAnnealingLR, each driving an SGD optimizer with one param group.
/// In-process, so the patched native library in this output folder is the one loaded.
/// </summary>
[Config(typeof(InProcessShortRun))]
[MemoryDiagnoser]
public class ScheduleStepBenchmarks
{
    private const int TotalSteps = 10_000;
    private readonly Schedule _rex = new(new RexProfile());
    private int _t;
    private SGD _frugalOptimizer = null!;
    private SGD _torchOptimizer = null!;
    private ScheduleLR _adapter = null!;
    private LRScheduler _cosineAnnealing = null!;

    [GlobalSetup]
    public void Setup()
    {
        _frugalOptimizer = torch.optim.SGD([new Parameter(torch.zeros(10))], 0.1, 0.9);
        _torchOptimizer = torch.optim.SGD([new Parameter(torch.zeros(10))], 0.1, 0.9);
        _adapter = new ScheduleLR(_frugalOptimizer, new Schedule(new CosineProfile()), TotalSteps);
        _cosineAnnealing = CosineAnnealingLR(_torchOptimizer, TotalSteps);
    }

    [Benchmark(Description = "REX lr(t), pure function")]
    public double PureRex()
    {
        _t = _t == TotalSteps - 1 ? 0 : _t + 1;
        return _rex.LearningRate(0.1, _t, TotalSteps);
    }

    [Benchmark(Description = "Frugal ScheduleLR.step() (cosine)")]
    public void Adapter() => _adapter.step();

    [Benchmark(Baseline = true, Description = "TorchSharp CosineAnnealingLR.step()")]
    public void TorchSharpCosine() => _cosineAnnealing.step();

    private sealed class InProcessShortRun : ManualConfig
    {
        public InProcessShortRun() => AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance));
    }
}
