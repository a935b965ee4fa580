using Frugal.Reports;
using Frugal.Studies.Allocation;
using static Frugal.Tests.Reports.AllocationResults;

namespace Frugal.Tests.Reports;

public sealed class AllocationCalibrationTests
{
    [Fact]
    public void Calibration_passes_only_with_equation_skill_and_no_format_yet()
    {
        static AllocationCalibration Of(double equations, double format) => AllocationCalibration.Of(AllocationTaskGrid.Of("math", [100], [0, 1],
            [Base(0) with { FormatRate = format, Skill = new Dictionary<string, double> { [MathSkillProbe.EquationCompletion] = equations, [MathSkillProbe.AnswerAnywhere] = 0.4 } }]));

        Assert.True(Of(0.93, 0.0).Passed);
        Assert.False(Of(0.58, 0.0).Passed);
        Assert.False(Of(0.95, 0.6).Passed);
        Assert.Equal(0.4, Of(0.95, 0).AnswerAnywhere);

        // No skill probe (not math), or no base trial: the check is not made.
        var instruct = AllocationCalibration.Of(AllocationTaskGrid.Of("instruct", [100], [0, 1], [Base(0.1, task: "instruct") with { FormatRate = 0.02 }]));
        Assert.Null(instruct.Passed);
        Assert.Equal(0.02, instruct.FormatRate);
        Assert.Null(AllocationCalibration.Of(AllocationTaskGrid.Of("math", [100], [0, 1], [])).Passed);
    }
}
