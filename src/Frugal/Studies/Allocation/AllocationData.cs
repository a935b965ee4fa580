namespace Frugal.Studies.Allocation;

/// <summary>
/// A study's data files for one task and seed. A cell of n demonstrations takes the first n lines of the
/// demonstration pool, so a larger budget's data contains a smaller one's (the paper subsamples the same way).
/// The validation files pick learning rates; the evaluation file, shared by every cell, measures.
/// </summary>
/// <param name="SftPool">Demonstrations, prompt/completion JSON Lines.</param>
/// <param name="PrefPool">Preference pairs, prompt/chosen/rejected.</param>
/// <param name="SftValidation">Held-out demonstrations: SFT's learning rate is the one with the lowest loss on them.</param>
/// <param name="PrefValidation">Held-out pairs: the starting model's log-probabilities of chosen answers (the cold-start shift).</param>
/// <param name="Validation">Held-out problems: DPO's learning rate and beta are the ones scoring best on them.</param>
/// <param name="Eval">The evaluation problems.</param>
public sealed record AllocationData(
    string SftPool = "",
    string PrefPool = "",
    string SftValidation = "",
    string PrefValidation = "",
    string Validation = "",
    string Eval = "");
