using Frugal.Schedules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace Frugal.Alignment;

/// <summary>
/// Direct Preference Optimization losses (Rafailov et al. 2023) and TRL's variants, as a pure function
/// of per-example sequence log-probabilities; formulas as in TRL's <c>DPOTrainer</c>.
/// </summary>
public static class DpoLoss
{
    /// <summary>Loss, mean over the batch, and the implicit rewards of both completions.</summary>
    /// <param name="policyChosen">log pi(chosen | prompt), summed over the completion tokens, (B).</param>
    /// <param name="policyRejected">log pi(rejected | prompt), (B).</param>
    /// <param name="referenceChosen">log pi_ref(chosen | prompt), (B); not differentiated.</param>
    /// <param name="referenceRejected">log pi_ref(rejected | prompt), (B).</param>
    /// <param name="chosenLengths">
    /// Completion token counts, (B); required by ipo and sigmoid_norm, which average the log-ratios per
    /// token as TRL does (counts below 1 count as 1). Callers holding averaged log-probabilities already
    /// pass ones.
    /// </param>
    /// <param name="rejectedLengths">Completion token counts of the rejected completions, (B).</param>
    /// <exception cref="ArgumentException">Invalid options, mismatched shapes, or missing lengths.</exception>
    public static DpoLossOutput Compute(
        Tensor policyChosen,
        Tensor policyRejected,
        Tensor referenceChosen,
        Tensor referenceRejected,
        DpoOptions options,
        Tensor? chosenLengths = null,
        Tensor? rejectedLengths = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate().ToList();
        if (problems.Count > 0) throw new ArgumentException(string.Join("; ", problems), nameof(options));
        var batch = BatchSize(policyChosen, nameof(policyChosen));
        foreach (var (t, name) in new[]
                 {
                     (policyRejected, nameof(policyRejected)), (referenceChosen, nameof(referenceChosen)),
                     (referenceRejected, nameof(referenceRejected)), (chosenLengths, nameof(chosenLengths)),
                     (rejectedLengths, nameof(rejectedLengths)),
                 })
        {
            if (t is not null && BatchSize(t, name) != batch)
                throw new ArgumentException($"{name} has {t.shape[0]} examples, {nameof(policyChosen)} has {batch}", name);
        }
        if (options.Loss.NeedsLengths() && (chosenLengths is null || rejectedLengths is null))
            throw new ArgumentException(
                $"the {options.Loss.Name()} loss averages log-probabilities per token: pass {nameof(chosenLengths)} and "
                + $"{nameof(rejectedLengths)} (completion token counts), or ones if the log-probabilities are already averages",
                chosenLengths is null ? nameof(chosenLengths) : nameof(rejectedLengths));

        using var scope = NewDisposeScope();
        var beta = options.Beta;
        var eps = options.LabelSmoothing;
        var chosenLogRatios = policyChosen - referenceChosen;         // (B) log pi/pi_ref of chosen
        var rejectedLogRatios = policyRejected - referenceRejected;   // (B)
        var logits = (policyChosen - policyRejected) - (referenceChosen - referenceRejected); // (B)

        Tensor losses; // (B)
        switch (options.Loss)
        {
            case DpoLossKind.Sigmoid:
                // DPO, Rafailov et al. 2023, eq. 7: -log sigma(beta x). With eps > 0, conservative DPO
                // (Mitchell 2023): the label is trusted with probability 1 - eps, as in TRL up to 0.28
                // (TRL 0.29+ ignores label_smoothing here; the two agree at the default eps = 0).
                losses = -(1 - eps) * logsigmoid(beta * logits) - eps * logsigmoid(-beta * logits);
                break;
            case DpoLossKind.Hinge:
                // SLiC, Zhao et al. 2023: hinge on the reference-normalised likelihood, max(0, 1 - beta x).
                losses = relu(1 - beta * logits);
                break;
            case DpoLossKind.Ipo:
                // IPO, Azar et al. 2023, eq. 17 with tau = beta: (x - 1/(2 tau))^2 on per-token averaged
                // log-ratios, which TRL uses (confirmed with the authors) so beta does not scale with length.
                var ipoLogits = chosenLogRatios / PerTokenCount(chosenLengths!, logits)
                    - rejectedLogRatios / PerTokenCount(rejectedLengths!, logits);
                losses = (ipoLogits - 1 / (2 * beta)).square();
                break;
            case DpoLossKind.Robust:
                // Robust DPO, Chowdhury et al. 2024: unbiased loss when labels flip with probability eps,
                // [(1 - eps) l(x) - eps l(-x)] / (1 - 2 eps), l(x) = -log sigma(beta x).
                losses = (-(1 - eps) * logsigmoid(beta * logits) + eps * logsigmoid(-beta * logits)) / (1 - 2 * eps);
                break;
            case DpoLossKind.ExoPair:
                // EXO, Ji et al. 2024, eq. 16 with K = 2: KL(q || p) between q = softmax of the rewards over
                // {chosen, rejected} and the smoothed labels p = (1 - eps, eps).
                losses = (beta * logits).sigmoid() * (logsigmoid(beta * logits) - Math.Log(1 - eps))
                    + (-beta * logits).sigmoid() * (logsigmoid(-beta * logits) - Math.Log(eps));
                break;
            case DpoLossKind.NcaPair:
                // NCA, Chen et al. 2024 (Noise Contrastive Alignment), pairwise: with rewards r = beta log(pi/pi_ref),
                // -log sigma(r_c) - 1/2 log sigma(-r_c) - 1/2 log sigma(-r_r).
                var ncaChosen = beta * chosenLogRatios;
                losses = -logsigmoid(ncaChosen) - 0.5 * logsigmoid(-ncaChosen) - 0.5 * logsigmoid(-beta * rejectedLogRatios);
                break;
            case DpoLossKind.BcoPair:
                // BCO, Jung et al. 2024, pairwise: -log sigma(r_c) - log sigma(-r_r). As in TRL 0.29+; the paper
                // (and TRL up to 0.28) also subtracts a running mean of the rewards, which is state, not a pure function.
                losses = -logsigmoid(beta * chosenLogRatios) - logsigmoid(-beta * rejectedLogRatios);
                break;
            case DpoLossKind.SppoHard:
                // SPPO, Wu et al. 2024, eq. 4.7 with hard probabilities (1 for the winner, 0 for the loser):
                // (log-ratio_c - 1/(2 beta))^2 + (log-ratio_r + 1/(2 beta))^2.
                losses = (chosenLogRatios - 0.5 / beta).square() + (rejectedLogRatios + 0.5 / beta).square();
                break;
            case DpoLossKind.Aot:
                // AOT, Melnyk et al. 2024 (paired): the policy's and the reference's log-ratio margins are sorted
                // over the batch separately, so the loss acts on their distributions (first-order stochastic
                // dominance), then the sigmoid loss with label smoothing on the sorted difference.
                var (policyMargins, _) = (policyChosen - policyRejected).sort(0);
                var (referenceMargins, _) = (referenceChosen - referenceRejected).sort(0);
                var aotLogits = policyMargins - referenceMargins;
                losses = -(1 - eps) * logsigmoid(beta * aotLogits) - eps * logsigmoid(-beta * aotLogits);
                break;
            case DpoLossKind.ApoZero:
                // APO-zero, D'Oosterlinck et al. 2024, eq. 7: raise chosen, lower rejected, each on its own:
                // (1 - sigma(r_c)) + sigma(r_r).
                losses = 1 - (beta * chosenLogRatios).sigmoid() + (beta * rejectedLogRatios).sigmoid();
                break;
            case DpoLossKind.ApoDown:
                // APO-down, D'Oosterlinck et al. 2024, eq. 8: for chosen answers worse than the model's own,
                // lower chosen and lower rejected more: sigma(r_c) + (1 - sigma(beta x)).
                losses = (beta * chosenLogRatios).sigmoid() + 1 - (beta * logits).sigmoid();
                break;
            case DpoLossKind.SigmoidNorm:
                // Length-normalised DPO (SimPO-like, Meng et al. 2024, but keeping the reference and no margin):
                // -log sigma(beta (log-ratio_c / |y_c| - log-ratio_r / |y_r|)).
                var normLogits = chosenLogRatios / PerTokenCount(chosenLengths!, logits)
                    - rejectedLogRatios / PerTokenCount(rejectedLengths!, logits);
                losses = -logsigmoid(beta * normLogits);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(options), options.Loss, "unknown DPO loss");
        }

        var loss = losses.mean();
        var chosenRewards = chosenLogRatios.detach() * beta;
        var rejectedRewards = rejectedLogRatios.detach() * beta;
        scope.MoveToOuter(loss, chosenRewards, rejectedRewards);
        return new DpoLossOutput(loss, chosenRewards, rejectedRewards);
    }

    private static long BatchSize(Tensor t, string name) =>
        t.dim() == 1 ? t.shape[0] : throw new ArgumentException($"{name} must have shape (B), got ({string.Join(", ", t.shape)})", name);

    // TRL clamps at 1 so an empty completion divides by one instead of zero.
    private static Tensor PerTokenCount(Tensor lengths, Tensor like) => lengths.to_type(like.dtype).clamp_min(1);
}
