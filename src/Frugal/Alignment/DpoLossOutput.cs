using static TorchSharp.torch;

namespace Frugal.Alignment;

/// <param name="Loss">The mean loss over the batch, a scalar that carries the gradient.</param>
/// <param name="ChosenRewards">beta * (log pi - log pi_ref) for the chosen completions, (B), detached.</param>
/// <param name="RejectedRewards">The same for the rejected completions, (B), detached.</param>
public sealed record DpoLossOutput(Tensor Loss, Tensor ChosenRewards, Tensor RejectedRewards);
