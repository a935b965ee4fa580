using Frugal.Training;

namespace Frugal.Cli;

/// <summary>A plain progress line every few seconds on stderr: readable in CI logs, and stdout stays clean for CSV or JSON.</summary>
internal sealed class ProgressLine(TextWriter writer, string label, double intervalSeconds = 5) : IProgress<TrainProgress>
{
    private readonly ProgressThrottle _throttle = new(intervalSeconds);

    public void Report(TrainProgress value)
    {
        if (_throttle.Due(final: value.Step >= value.TotalSteps) is not { } now) return;
        var eta = value.Step > 0 ? now / value.Step * (value.TotalSteps - value.Step) : 0;
        writer.WriteLine($"{label}: step {value.Step}/{value.TotalSteps} epoch {value.Epoch + 1} loss {value.Loss:0.####} eta {eta:0}s");
    }
}
