using Frugal.Schedules;

namespace Frugal.Alignment;

/// <summary>
/// DPO settings with TRL's names and defaults (<c>beta</c> 0.1, <c>label_smoothing</c> 0,
/// <c>loss_type</c> sigmoid). For ipo, <see cref="Beta"/> is the paper's tau.
/// </summary>
/// <param name="LabelSmoothing">
/// The probability that a preference label is flipped (robust; cDPO for sigmoid; aot), or the EXO
/// paper's epsilon (exo_pair, which needs it above 0; the paper suggests 1e-3).
/// </param>
public sealed record DpoOptions(double Beta = 0.1, double LabelSmoothing = 0, DpoLossKind Loss = DpoLossKind.Sigmoid)
{
    public IEnumerable<string> Validate()
    {
        if (!(Beta > 0) || !double.IsFinite(Beta)) yield return $"--beta must be a positive number, got {Beta}";
        if (!(LabelSmoothing >= 0 && LabelSmoothing < 0.5))
            yield return $"--label-smoothing must be in [0, 0.5), got {LabelSmoothing}";
        else if (LabelSmoothing > 0 && !Loss.UsesLabelSmoothing())
            yield return $"--label-smoothing {LabelSmoothing} has no effect on the {Loss.Name()} loss; it is used by "
                + string.Join(", ", EnumNames.All<DpoLossKind>().Where(k => k.UsesLabelSmoothing()).Select(k => k.Name()))
                + " (set it to 0 or pick one of those)";
        if (Loss == DpoLossKind.ExoPair && LabelSmoothing == 0)
            yield return "--label-smoothing must be above 0 for the exo_pair loss (the EXO paper suggests 1e-3)";
    }
}
