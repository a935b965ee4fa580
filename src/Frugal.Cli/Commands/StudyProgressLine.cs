using Frugal.Studies;

namespace Frugal.Cli.Commands;

/// <summary>Trials done / running / left with an ETA, as a live Spectre.Console progress bar.</summary>
internal sealed class StudyProgressBar(Spectre.Console.ProgressTask task) : IProgress<StudyProgress>
{
    public void Report(StudyProgress p)
    {
        task.MaxValue = p.Total;
        task.Value = p.Finished;
        var eta = p.Eta is { } e ? $"eta {e:hh\\:mm\\:ss}" : "eta -";
        task.Description = $"{p.Done} done, {p.Diverged} diverged, {p.Failed} failed, {p.Running} running, {p.Queued} queued, {eta}";
    }
}

/// <summary>Trials done / running / left with an ETA, as a plain line on stderr every few seconds.</summary>
internal sealed class StudyProgressLine(TextWriter writer, string study) : IProgress<StudyProgress>
{
    private string _last = "";

    public void Report(StudyProgress p)
    {
        var eta = p.Eta is { } e ? $"eta {e:hh\\:mm\\:ss}" : "eta -";
        var line = $"{study}: {p.Finished}/{p.Total} finished ({p.Done} done, {p.Diverged} diverged, {p.Failed} failed), {p.Running} running, {p.Queued} queued, {p.Elapsed:hh\\:mm\\:ss} elapsed, {eta}";
        lock (writer)
        {
            if (line == _last) return;
            _last = line;
            writer.WriteLine(line);
        }
    }
}
