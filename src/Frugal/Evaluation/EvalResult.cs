using Frugal.Models;
using Frugal.Text;

namespace Frugal.Evaluation;

/// <summary>Accuracy over the records with its 95% Wilson interval, and every record's outcome in file order.</summary>
public sealed record EvalResult(VerifierKind Verifier, IReadOnlyList<EvalItem> Items, double Seconds)
{
    public int Count => Items.Count;

    public int Passed => Items.Count(i => i.Passed);

    /// <summary>Passed / Count; NaN for no records (there is no accuracy to report, and the interval is [0, 1]).</summary>
    public double Accuracy => Count == 0 ? double.NaN : (double)Passed / Count;

    public (double Low, double High) Interval => WilsonInterval.Of(Passed, Count);
}

/// <summary>One record's outcome: what the model wrote and the verifier's verdict on it.</summary>
public sealed record EvalItem(int Line, Passage Prompt, string Reference, string Completion, bool Passed, string Reason, int NewTokens, GptStopReason Stop);

/// <summary>Records done so far, for a progress line.</summary>
public sealed record EvalProgress(int Done, int Total, int Passed, double Seconds);
