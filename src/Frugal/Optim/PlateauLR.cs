using Frugal.Schedules;
using static TorchSharp.torch.optim;
using static TorchSharp.torch.optim.lr_scheduler;

namespace Frugal.Optim;

/// <summary>
/// Decay on plateau as a TorchSharp scheduler: call <see cref="step(double, int?)"/> with each
/// validation loss. <see cref="LRScheduler.step()"/> (per iteration) leaves the learning rate alone,
/// so a trainer can treat every schedule alike.
/// </summary>
public sealed class PlateauLR : LRScheduler
{
    private readonly IReadOnlyList<ILearningRateController> _groups;
    private readonly PlateauSchedule[] _schedules;

    public PlateauLR(Optimizer optimizer, PlateauOptions options) : base(optimizer, -1, verbose: false)
    {
        _groups = [.. optimizer.ParamGroups];
        _schedules = [.. _groups.Select(g => new PlateauSchedule(g.LearningRate, options))];
    }

    public IReadOnlyList<PlateauSchedule> Schedules => _schedules;

    public override void step(int? epoch) { }

    public override void step(double current, int? epoch = null)
    {
        for (var i = 0; i < _groups.Count; i++) _groups[i].LearningRate = _schedules[i].Report(current);
    }
}
