using System.ComponentModel;
using Frugal.Data.Tasks;

namespace Frugal.Studies.Allocation;

/// <summary>The sizes of allocation study `frugal study allocation --preset` offers.</summary>
public enum AllocationPreset
{
    [Description("smoke")] Smoke,
    [Description("quick")] Quick,
    [Description("paper")] Paper,
}

public static class AllocationPresets
{
    public static IReadOnlyList<double> PaperBudgets { get; } = [100, 300, 1000, 3000, 10000];

    public static IReadOnlyList<double> PaperRatios { get; } = [0, 0.01, 0.1, 0.25, 0.5, 0.75, 1];

    public static AllocationStudySpec For(AllocationPreset preset) => preset switch
    {
        // A few minutes: a tiny base, two budgets, three ratios, short stages, 50 evaluation problems.
        AllocationPreset.Smoke => new AllocationStudySpec
        {
            Name = "allocation-smoke",
            Tasks = [TaskKind.Math],
            Budgets = [100, 300],
            Ratios = [0, 0.5, 1],
            Base = new AllocationBase
            {
                Preset = Models.GptPreset.Tiny,
                Steps = 200,
                Lr = 3e-3,
                GeneralDocuments = 500,
                RawDocuments = new Dictionary<TaskKind, int> { [TaskKind.Math] = 1000 },
            },
            Sft = new AllocationTuning { MinSteps = 20, Lrs = [1e-3] },
            Dpo = new AllocationTuning { MinSteps = 20, Lrs = [1e-4] },
            EvalProblems = 50,
            ValidationProblems = 20,
            MaxNewTokens = 64,
        },
        AllocationPreset.Quick => new AllocationStudySpec
        {
            Name = "allocation-quick",
            Tasks = [TaskKind.Math],
            Budgets = [100, 300, 1000, 3000, 10000],
            Ratios = [0, 0.1, 0.5, 1],
            Sft = new AllocationTuning { Epochs = 1, MinSteps = 100, Lrs = [1e-3] },
            // A first run searched {3e-5, 1e-4} and chose 3e-5, the grid's low edge, in 9 of 10 cells.
            Dpo = new AllocationTuning { Epochs = 1, MinSteps = 100, Lrs = [1e-5, 3e-5] },
        },
        AllocationPreset.Paper => new AllocationStudySpec
        {
            Name = "allocation-paper",
            Tasks = [TaskKind.Math, TaskKind.Instruct, TaskKind.Summarize, TaskKind.Helpful],
            Budgets = PaperBudgets,
            Ratios = PaperRatios,
            Seeds = 3,
            Sft = new AllocationTuning { Epochs = 2, MinSteps = 200, Lrs = [3e-4, 1e-3] },
            Dpo = new AllocationTuning { Epochs = 2, MinSteps = 200, Lrs = [3e-6, 1e-5, 3e-5], Betas = [0.05, 0.1, 0.5] },
        },
        _ => throw new ArgumentOutOfRangeException(nameof(preset), preset, null),
    };
}
