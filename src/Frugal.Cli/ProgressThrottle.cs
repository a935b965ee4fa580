using System.Diagnostics;

namespace Frugal.Cli;

/// <summary>
/// When a plain progress line on stderr is due: every few seconds and always at the end, so CI logs stay short
/// and stdout stays clean for CSV or JSON.
/// </summary>
internal sealed class ProgressThrottle(double intervalSeconds)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private double _lastReport = double.NegativeInfinity;

    /// <returns>Seconds since the throttle started when a line is due, else null.</returns>
    public double? Due(bool final)
    {
        var now = _clock.Elapsed.TotalSeconds;
        if (now - _lastReport < intervalSeconds && !final) return null;
        _lastReport = now;
        return now;
    }
}
