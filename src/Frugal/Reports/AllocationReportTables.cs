using Frugal.Studies.Allocation;
using static Frugal.Reports.AllocationFormat;
using static System.FormattableString;

namespace Frugal.Reports;

/// <summary>The allocation report's tables, as <see cref="RexTable"/>s both renderers draw.</summary>
internal static class AllocationReportTables
{
    /// <summary>
    /// A cell as the table and heatmap show it: its score, "diverged (sft|dpo)" when every seed diverged, "—" when
    /// no seed finished; a score some of whose seeds diverged says how many.
    /// </summary>
    public static string CellText(AllocationCellRuns cell, bool withInterval)
    {
        if (cell.Score is not { } score) return cell.DivergedIn is { } stage ? $"diverged ({stage})" : "—";
        var text = withInterval ? Score(score) : AllocationFormat.Metric(score.Mean);
        return cell.Diverged.Count > 0 ? Invariant($"{text} ({cell.Diverged.Count} diverged in {cell.DivergedIn})") : text;
    }

    /// <summary>
    /// Rows budgets, columns ratios; in bold the best ratio at each budget (every ratio with the highest mean), except
    /// where every cell is within the noise of zero: there is no best among zeros.
    /// </summary>
    public static RexTable Metric(AllocationTaskGrid grid)
    {
        var rows = grid.Budgets.Select(b =>
        {
            var standing = AllocationStanding.At(grid, b);
            var best = standing.Scored.Count == 0 || standing.MeasuredNothing ? double.NaN : standing.Best.Score.Mean;
            return (IReadOnlyList<RexCell>)
            [
                new(Budget(b)),
                .. grid.Ratios.Select(r => grid.Cell(b, r)).Select(c => new RexCell(CellText(c, withInterval: true), c.Score?.Mean == best)),
            ];
        }).ToList();
        return new RexTable(["Budget", .. grid.Ratios.Select(Ratio)], rows);
    }

    public static RexTable ColdStart(IReadOnlyList<AllocationColdStartRow> rows)
    {
        var start = rows.FirstOrDefault(r => r.Ratio is null)?.StartChosenLogp;
        return new RexTable(
            ["Model", "Budget", "Seeds", "Format rate", "Median tokens", "p10", "p90", "At the cap", "Start logp chosen", "Start logp rejected", "Shift vs base"],
            [.. rows.Select(r => (IReadOnlyList<RexCell>)
            [
                new(r.Model), new(r.Budget is { } b ? Budget(b) : "—"), new(Invariant($"{r.Seeds}")),
                new(Number(r.FormatRate, "0.000")), new(Number(r.Lengths.Median, "0.#")), new(Number(r.Lengths.P10, "0.#")),
                new(Number(r.Lengths.P90, "0.#")), new(double.IsNaN(r.Lengths.CapShare) ? "—" : Percent(r.Lengths.CapShare)),
                new(Number(r.StartChosenLogp, "0.000")), new(Number(r.StartRejectedLogp, "0.000")),
                new(start is { } s ? Number(r.StartChosenLogp - s, "+0.000;-0.000;0.000") : "—"),
            ])]);
    }

    public static RexTable Drift(IReadOnlyList<AllocationLogpDrift> drift) => new(
        ["Budget", "Ratio", "Seeds", "Chosen first", "Chosen last", "Chosen change", "Rejected change", "Both fell"],
        [.. drift.Select(d => (IReadOnlyList<RexCell>)
        [
            new(Budget(d.Budget)), new(RatioValue(d.Ratio)), new(Invariant($"{d.Seeds}")),
            new(Number(d.ChosenFirst, "0.00")), new(Number(d.ChosenLast, "0.00")),
            new(Number(d.ChosenChange, "+0.00;-0.00;0.00")), new(Number(d.RejectedChange, "+0.00;-0.00;0.00")),
            new(d.BothFell == 0 ? "no" : d.Seeds == 1 ? "yes" : Invariant($"yes ({d.BothFell} of {d.Seeds} seeds)"), d.BothFell > 0),
        ])]);

    /// <summary>What each cell ran with: its split, the selected SFT rate and DPO rate and beta, and the steps taken.</summary>
    public static RexTable Selected(AllocationTaskGrid grid) => new(
        ["Budget", "Ratio", "Status", "n_sft", "n_pref", "SFT lr", "SFT steps", "DPO lr", "DPO beta", "DPO steps", "Seconds"],
        [.. grid.Cells.Where(c => c.All.Any()).Select(c =>
        {
            var runs = c.All.ToList();
            string Steps(Func<AllocationTrialResult, int> steps) =>
                runs.Max(steps) == 0 ? "—" : string.Join(" / ", runs.Select(steps).Distinct().Order());
            return (IReadOnlyList<RexCell>)
            [
                new(Budget(c.Budget)), new(RatioValue(c.Ratio)),
                new(c.Diverged.Count == 0 ? "done" : Invariant($"{c.Diverged.Count} of {runs.Count} diverged ({c.DivergedIn})")),
                new(Invariant($"{runs[0].NSft}")), new(Invariant($"{runs[0].NPref}")),
                new(Values(runs.Select(r => r.SftLr), LearningRateFormat)), new(Steps(r => r.SftSteps)),
                new(Values(runs.Select(r => r.DpoLr), LearningRateFormat)), new(Values(runs.Select(r => r.DpoBeta), BetaFormat)), new(Steps(r => r.DpoSteps)),
                new(Number(runs.Average(r => r.Seconds), "0")),
            ];
        })]);
}
