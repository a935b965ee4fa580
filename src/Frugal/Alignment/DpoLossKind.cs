using System.ComponentModel;
using Frugal.Schedules;

namespace Frugal.Alignment;

/// <summary>
/// Every DPO loss variant Frugal ships; the descriptions are TRL's <c>loss_type</c> spellings, so a
/// TRL recipe's setting works unchanged.
/// </summary>
public enum DpoLossKind
{
    [Description("sigmoid")] Sigmoid,
    [Description("hinge")] Hinge,
    [Description("ipo")] Ipo,
    [Description("robust")] Robust,
    [Description("exo_pair")] ExoPair,
    [Description("nca_pair")] NcaPair,
    [Description("bco_pair")] BcoPair,
    [Description("sppo_hard")] SppoHard,
    [Description("aot")] Aot,
    [Description("apo_zero")] ApoZero,
    [Description("apo_down")] ApoDown,
    [Description("sigmoid_norm")] SigmoidNorm,
}

public static class DpoLossKinds
{
    /// <param name="option">Where the name came from (an option or a config field), for the error message.</param>
    public static DpoLossKind Parse(string name, string option = "--loss") =>
        EnumNames.TryParse<DpoLossKind>(name, out var kind)
            ? kind
            : throw new BadInputException($"{option}: unknown DPO loss '{name}'; expected one of {EnumNames.List<DpoLossKind>()}");

    /// <summary>The variants whose formula contains label smoothing (TRL: sigmoid in versions up to 0.28, robust, exo_pair, aot).</summary>
    public static bool UsesLabelSmoothing(this DpoLossKind kind) =>
        kind is DpoLossKind.Sigmoid or DpoLossKind.Robust or DpoLossKind.ExoPair or DpoLossKind.Aot;

    /// <summary>
    /// The variants that work on per-token averages of the log-ratios, so <see cref="DpoLoss.Compute"/>
    /// needs the completion lengths.
    /// </summary>
    public static bool NeedsLengths(this DpoLossKind kind) => kind is DpoLossKind.Ipo or DpoLossKind.SigmoidNorm;
}
