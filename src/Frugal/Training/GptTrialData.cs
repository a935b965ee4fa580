using Frugal.Text;

namespace Frugal.Training;

/// <summary>Packed sequences of a GPT trial: every id of a block is a target except its first.</summary>
public sealed record GptTrialData(IReadOnlyList<SftTokens> Train, IReadOnlyList<SftTokens> Validation, IReadOnlyList<SftTokens> Test);
