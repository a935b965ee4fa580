using Frugal.Studies.Allocation;

namespace Frugal.Reports;

/// <summary>
/// One row of the cold-start analysis: a model (the base, r = 0 or the smallest SFT share at one budget) with the
/// format adherence and lengths of its final answers, and the mean per-token log-probability that the model DPO
/// starts from gives to held-out chosen (and rejected) answers. Seeds are pooled: rates and log-probabilities
/// averaged, lengths concatenated. <see cref="Tokens"/> keeps the lengths for the distribution plot.
/// </summary>
public sealed record AllocationColdStartRow(string Model, double? Budget, double? Ratio, int Seeds, double FormatRate,
    AllocationLengths Lengths, double StartChosenLogp, double StartRejectedLogp, IReadOnlyList<int> Tokens);

/// <summary>
/// The paper's explanation of pure DPO's failure on math, measured: the base model answers outside the demonstrated
/// format (and rambles to the length cap), and it finds the chosen answers unlikely, so DPO starts from a model far
/// from the data it is asked to prefer; a little SFT first closes that gap.
/// </summary>
public static class AllocationColdStart
{
    /// <summary>The base, then per budget r = 0 and the smallest SFT share above 0; cells without a finished seed are left out.</summary>
    public static IReadOnlyList<AllocationColdStartRow> Of(AllocationTaskGrid grid, int cap)
    {
        var rows = new List<AllocationColdStartRow>();
        if (Row("base", null, null, grid.Base.Done, cap) is { } start) rows.Add(start);
        var ratios = new[] { 0.0, grid.SmallestSftRatio }.OfType<double>().Where(grid.Ratios.Contains).Distinct().ToList();
        foreach (var budget in grid.Budgets)
            foreach (var ratio in ratios)
                if (Row(AllocationFormat.Ratio(ratio), budget, ratio, grid.Cell(budget, ratio).Done, cap) is { } row) rows.Add(row);
        return rows;
    }

    private static AllocationColdStartRow? Row(string model, double? budget, double? ratio, IReadOnlyList<AllocationTrialResult> done, int cap)
    {
        if (done.Count == 0) return null;
        var tokens = done.SelectMany(d => d.ResponseTokens).ToList();
        return new AllocationColdStartRow(model, budget, ratio, done.Count, done.Average(d => d.FormatRate), AllocationLengths.Of(tokens, cap),
            done.Average(d => d.StartChosenLogp), done.Average(d => d.StartRejectedLogp), tokens);
    }
}
