using Frugal.Studies.Allocation;

namespace Frugal.Reports;

/// <summary>
/// Issue 5's "calibrate before you sweep" for one task, read from its base-model trials: the base must have the
/// task's raw skill (math: completes equations, >= 90%) while it does not yet answer in the demonstrated format
/// (format rate near 0). Without both the study measures nothing. <see cref="Passed"/> is null where the task has
/// no skill probe or the base did not finish.
/// </summary>
public sealed record AllocationCalibration(string Task, int Seeds, double? EquationCompletion, double? EquationCompletionInText, double? AnswerAnywhere, double? FormatRate, bool? Passed)
{
    public const double MinEquationCompletion = 0.9;

    /// <summary>"Near 0": at most one answer in twenty in the format before any SFT.</summary>
    public const double MaxFormatRate = 0.05;

    public static AllocationCalibration Of(AllocationTaskGrid grid)
    {
        var bases = grid.Base.Done;
        double? Mean(Func<AllocationTrialResult, double> value)
        {
            var values = bases.Select(value).Where(v => !double.IsNaN(v)).ToList();
            return values.Count == 0 ? null : values.Average();
        }
        double Skill(AllocationTrialResult r, string name) => r.Skill.TryGetValue(name, out var v) ? v : double.NaN;

        var equations = Mean(r => Skill(r, MathSkillProbe.EquationCompletion));
        var inText = Mean(r => Skill(r, MathSkillProbe.EquationCompletionInText));
        var anywhere = Mean(r => Skill(r, MathSkillProbe.AnswerAnywhere));
        var format = Mean(r => r.FormatRate);
        bool? passed = equations is { } eq && format is { } f ? eq >= MinEquationCompletion && f <= MaxFormatRate : null;
        return new AllocationCalibration(grid.Task, bases.Count, equations, inText, anywhere, format, passed);
    }
}
