using System.Globalization;
using Frugal.Evaluation;

namespace Frugal.Cli.Commands;

/// <summary>A plain line on stderr every few seconds and at the end, so stdout stays clean for the result or JSON.</summary>
internal sealed class EvalProgressLine(TextWriter writer, string label, double intervalSeconds = 5) : IProgress<EvalProgress>
{
    private readonly ProgressThrottle _throttle = new(intervalSeconds);

    public void Report(EvalProgress value)
    {
        if (_throttle.Due(final: value.Done >= value.Total) is null) return;
        var perRecord = value.Seconds / value.Done;
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label}: {value.Done}/{value.Total} records, {value.Passed} passed ({100.0 * value.Passed / value.Done:0.0}%), {perRecord:0.00} s/record, eta {perRecord * (value.Total - value.Done):0}s"));
    }
}
