using Frugal.Evaluation;

namespace Frugal.Studies.Allocation;

/// <summary>
/// A user's own data for the study: demonstrations and preference pairs in TRL's formats, evaluation problems
/// (prompt and reference completion) and the verifier that scores answers to them.
/// </summary>
public sealed record AllocationCustomData(string SftData, string PrefData, string EvalData, VerifierKind Verifier);
