using Frugal.Data.Tasks;
using Frugal.Evaluation;
using Frugal.Studies.Allocation;
using Frugal.Tests.Evaluation;
using Frugal.Tests.Models;
using Frugal.Tests.Text;

namespace Frugal.Tests.Studies;

[Collection(TorchGlobalState.Name)]
public sealed class AllocationTrialTests : IDisposable
{
    private readonly TextFiles _files = new();

    public void Dispose() => _files.Dispose();

    private string Math(TaskDataKind kind, int count, int seed)
    {
        var path = Path.Combine(_files.Root, $"{kind}-{count}-{seed}.jsonl");
        TaskData.Write(new MathTask(), kind, count, seed, path, overwrite: true);
        return path;
    }

    private AllocationTrialConfig? _cell;

    private AllocationTrialConfig Cell(double ratio) => (_cell ??= NewCell()) with { SftRatio = ratio };

    private AllocationTrialConfig NewCell() => new()
    {
        Task = TaskKind.Math,
        Verifier = VerifierKind.Math,
        Budget = 32,
        BaseModel = TinyLm.Save(TinyLm.Random(2, TinyLm.Config with { ContextLength = 256 }), Path.Combine(_files.Root, "base")),
        Data = new AllocationData(Math(TaskDataKind.Sft, 32, 0), Math(TaskDataKind.Preference, 32, 0), Math(TaskDataKind.Sft, 8, 9),
            Math(TaskDataKind.Preference, 8, 9), Math(TaskDataKind.Eval, 6, 9), Math(TaskDataKind.Eval, 10, 7)),
        Sft = new AllocationTuning { MinSteps = 4, BatchSize = 8, Lrs = [1e-3, 1e-2] },
        Dpo = new AllocationTuning { MinSteps = 4, BatchSize = 8, Lrs = [1e-4, 1e-3], Betas = [0.1] },
        MaxNewTokens = 16,
    };

    [Fact]
    public void A_mixed_cell_selects_among_its_candidates_and_a_rerun_reuses_the_finished_ones()
    {
        var work = Path.Combine(_files.Root, "work");
        var notes = new List<string>();
        var first = AllocationTrial.Run(Cell(0.5), work, 1, notes.Add).Result;

        Assert.Equal((16, 16, 10), (first.NSft, first.NPref, first.EvalProblems));
        Assert.Contains(first.SftLr, new double?[] { 1e-3, 1e-2 });
        Assert.Contains(first.DpoLr, new double?[] { 1e-4, 1e-3 });
        Assert.Equal(4, notes.Count);   // two SFT and two DPO candidates trained
        Assert.True(first.SftSteps >= 4 && first.DpoSteps >= 4);
        Assert.InRange(first.Metric, 0, 1);
        Assert.True(first.MetricLow <= first.Metric && first.Metric <= first.MetricHigh);

        // A rerun in the same directory (a killed trial taken again) trains nothing and measures the same.
        notes.Clear();
        var again = AllocationTrial.Run(Cell(0.5), work, 1, notes.Add).Result;
        Assert.Empty(notes);
        Assert.Equal((first.SftLr, first.DpoLr, first.Metric, first.StartChosenLogp), (again.SftLr, again.DpoLr, again.Metric, again.StartChosenLogp));
    }
}
