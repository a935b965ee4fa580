namespace Frugal.Text;

/// <summary>
/// One preference pair as ids: the shared prompt, then each answer on its own (closing token included), so
/// DPO scores <c>Prompt ++ Chosen</c> and <c>Prompt ++ Rejected</c> and sums log-probabilities over the answer
/// only. Reference log-probabilities come from the data set, if it has them, and were computed on untruncated text.
/// </summary>
public sealed record PreferenceTokens(
    int[] Prompt,
    int[] Chosen,
    int[] Rejected,
    double? RefChosenLogps = null,
    double? RefRejectedLogps = null);
