namespace Frugal.Text;

/// <summary>
/// A preference pair: two answers to one prompt, the chosen one preferred. The reference model's summed
/// log-probabilities of each answer come along when the data set holds them (TRL's precomputed
/// ref_chosen_logps / ref_rejected_logps), which saves DPO a reference forward pass.
/// </summary>
public sealed record PreferenceExample(
    Passage Prompt,
    Passage Chosen,
    Passage Rejected,
    double? RefChosenLogps = null,
    double? RefRejectedLogps = null);
