using static Frugal.Reports.AllocationFormat;
using static System.FormattableString;

namespace Frugal.Reports;

/// <summary>One task's part of the allocation report: the metric over the grid, the cold start, and DPO's log-probabilities.</summary>
internal static class AllocationTaskSection
{
    public static void Add(List<RexBlock> blocks, AllocationTaskAnalysis task, AllocationTaskFigures figures, int cap)
    {
        var grid = task.Grid;
        blocks.Add(new RexHeading(2, $"Task: {grid.Task}"));
        Metric(blocks, grid, figures);
        ColdStart(blocks, task, figures, cap);
        Logps(blocks, task, figures);
    }

    private static void Metric(List<RexBlock> blocks, AllocationTaskGrid grid, AllocationTaskFigures figures)
    {
        blocks.Add(new RexHeading(3, "Metric by budget and SFT ratio"));
        var seeds = grid.Cells.Select(c => c.Done.Count).DefaultIfEmpty(0).Max();
        var shown = seeds > 1 ? Invariant($"mean ± std over up to {seeds} seeds") : "mean [Wilson 95% interval]";
        var baseline = grid.Base.Score is { } b ? $"The base model scores {Score(b)}." : "The base model was not measured.";
        blocks.Add(RexParagraph.Of($"Rows: budget B; columns: SFT ratio r; each cell {shown}. Bold: the best ratio at each budget (none where every cell is within the noise of zero). "
            + "\"diverged (stage)\": every seed diverged in that stage; \"—\": no seed finished. " + baseline));
        blocks.Add(AllocationReportTables.Metric(grid));
        if (figures.Heatmap is { } heatmap)
            blocks.Add(new RexFigure(heatmap, $"{grid.Task}: metric heatmap over budget and SFT ratio",
                "The metric of each cell (mean over seeds); grey: no seed finished."));
        if (figures.MetricVsBudget is { } curve)
            blocks.Add(new RexFigure(curve, $"{grid.Task}: metric vs budget per SFT ratio",
                "The paper's figure: metric vs budget (log scale), one line per SFT ratio, the base model as a dashed line; error bars: "
                + (seeds > 1 ? "standard deviation over seeds." : "Wilson 95% interval over the evaluation problems.")));
    }

    private static void ColdStart(List<RexBlock> blocks, AllocationTaskAnalysis task, AllocationTaskFigures figures, int cap)
    {
        var grid = task.Grid;
        blocks.Add(new RexHeading(3, "Cold start"));
        var small = grid.SmallestSftRatio is { } s ? Ratio(s) : "the smallest SFT share (none in this grid)";
        blocks.Add(RexParagraph.Of(
            $"The paper explains pure DPO's failure on math by a distribution shift: the base model does not answer in the format DPO is asked "
            + $"to prefer, so its preference data is far from anything it would say. Rows: the base model, then r = 0 and {small} at each budget. "
            + Invariant($"Format rate and lengths are the final model's answers (\"at the cap\": answers that ran to the {cap}-token limit, i.e. rambled); ")
            + "\"start logp\" is the mean log-probability per token that the model DPO starts from (the base at r = 0, the SFT model otherwise) "
            + "gives to held-out chosen and rejected answers, and \"shift vs base\" is how much more likely SFT made the chosen answers."));
        if (task.ColdStart.Count == 0)
        {
            blocks.Add(RexParagraph.Of("No base-model, r = 0 or small-SFT trial finished."));
            return;
        }
        blocks.Add(AllocationReportTables.ColdStart(task.ColdStart));
        if (Contrast(task.ColdStart) is { } contrast) blocks.Add(RexParagraph.Of(contrast));
        if (figures.Lengths is { } lengths)
            blocks.Add(new RexFigure(lengths, $"{grid.Task}: answer-length distributions",
                Invariant($"Generated tokens per evaluation answer, pooled over seeds; box: quartiles, whiskers: 10th to 90th percentile, line: median; dashed: the {cap}-token cap.")));
    }

    /// <summary>The cold start in one sentence: the base against the smallest SFT share at the largest budget where it finished.</summary>
    private static string? Contrast(IReadOnlyList<AllocationColdStartRow> rows)
    {
        var start = rows.FirstOrDefault(r => r.Ratio is null);
        var sft = rows.LastOrDefault(r => r.Ratio > 0);
        var dpo = rows.LastOrDefault(r => r.Ratio == 0);
        if (start is null || sft is null) return null;
        var text = Invariant($"The base model answers in the format {Number(start.FormatRate, "0.000")} of the time and runs to the cap in {Percent(start.Lengths.CapShare)} of answers");
        if (dpo is not null)
            text += Invariant($"; after pure DPO at B = {Budget(dpo.Budget!.Value)}: {Number(dpo.FormatRate, "0.000")} and {Percent(dpo.Lengths.CapShare)}");
        return text + Invariant($"; after {sft.Model} at B = {Budget(sft.Budget!.Value)}: {Number(sft.FormatRate, "0.000")} and {Percent(sft.Lengths.CapShare)}. ")
            + Invariant($"The chosen answers' log-probability per token is {Number(start.StartChosenLogp, "0.000")} under the base and {Number(sft.StartChosenLogp, "0.000")} under that SFT model ")
            + Invariant($"({Number(sft.StartChosenLogp - start.StartChosenLogp, "+0.000;-0.000;0.000")} nats per token).");
    }

    private static void Logps(List<RexBlock> blocks, AllocationTaskAnalysis task, AllocationTaskFigures figures)
    {
        blocks.Add(new RexHeading(3, "DPO log-probabilities"));
        if (task.Drift.Count == 0)
        {
            blocks.Add(RexParagraph.Of("No cell of this task logged DPO training."));
            return;
        }
        if (figures.Logps is { } logps)
            blocks.Add(new RexFigure(logps, $"{task.Grid.Task}: chosen and rejected log-probabilities over DPO steps",
                "TRL's logps/chosen (solid) and logps/rejected (dashed): the policy's summed log-probability of each answer, over DPO steps, "
                + "first seed. DPO only needs the gap to grow; when both fall, it is pushing every answer down (a collapse)."));
        var collapsed = task.Drift.Where(d => d.BothFell > 0).ToList();
        blocks.Add(RexParagraph.Of(
            "Change of the summed log-probabilities from the first to the last logged DPO step, mean over seeds. "
            + Invariant($"Both chosen and rejected fell in {collapsed.Count} of {task.Drift.Count} cells")
            + (collapsed.Count == 0 ? "." : ": " + string.Join(", ", collapsed.Select(d => $"{Ratio(d.Ratio)} at B = {Budget(d.Budget)}")) + " (bold below).")));
        blocks.Add(AllocationReportTables.Drift(task.Drift));
    }
}
