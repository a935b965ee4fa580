using Frugal.Schedules;
using static TorchSharp.torch.optim;
using static TorchSharp.torch.optim.lr_scheduler;

namespace Frugal.Optim;

/// <summary>
/// Drives a TorchSharp optimizer from a Frugal <see cref="Schedule"/> re-fitted to <c>totalSteps</c>.
/// Call <see cref="LRScheduler.step()"/> after every optimizer step, as in PyTorch. Each param group
/// keeps its own peak (its initial learning rate); profiles that move momentum (OneCycle) also write
/// SGD's momentum or Adam's beta1.
/// </summary>
public sealed class ScheduleLR : LRScheduler
{
    private readonly Schedule _schedule;
    private readonly int _totalSteps;
    private readonly IReadOnlyList<ILearningRateController> _groups;
    private readonly double[] _peakLrs;

    /// <param name="lastStep">The last step already taken, for resuming; -1 starts at step 0.</param>
    public ScheduleLR(Optimizer optimizer, Schedule schedule, int totalSteps, int lastStep = -1)
        : base(optimizer, lastStep, verbose: false)
    {
        _schedule = schedule;
        _totalSteps = totalSteps;
        _groups = [.. optimizer.ParamGroups];
        _peakLrs = [.. _groups.Select(g => g.InitialLearningRate)];
        Step = lastStep;
        if (_schedule.Momentum(0, totalSteps) is not null && !_groups.All(g => g is IMomentum or IBetas))
            throw new ArgumentException("this profile moves momentum, but the optimizer has neither momentum nor betas", nameof(optimizer));
        step();
    }

    /// <summary>The step about to be taken, t in 0 .. T-1; its learning rate is in the optimizer now.</summary>
    public int Step { get; private set; }

    public override void step(int? epoch)
    {
        Step = epoch ?? Step + 1;
        base.step(epoch);
    }

    // A metric means nothing to a progress-driven schedule; it must not advance the step either.
    public override void step(double current, int? epoch = null) { }

    protected override IEnumerable<double> get_lr()
    {
        if (_schedule.Momentum(Step, _totalSteps) is { } momentum)
        {
            foreach (var group in _groups)
            {
                if (group is IBetas b) b.Betas = (momentum, b.Betas.Item2);
                else if (group is IMomentum m) m.Momentum = momentum;
            }
        }
        return _peakLrs.Select(peak => _schedule.LearningRate(peak, Step, _totalSteps));
    }

    protected override IEnumerable<double> get_closed_form_lr() => get_lr();
}
