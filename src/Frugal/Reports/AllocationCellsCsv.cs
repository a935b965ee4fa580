using System.Globalization;
using System.Text;
using Frugal.Studies;

namespace Frugal.Reports;

/// <summary>
/// cells.csv of an allocation study: one row per (task, budget, SFT ratio) with the metric's mean and
/// seed std; what <c>frugal plan --study DIR</c> reads.
/// </summary>
public static class AllocationCellsCsv
{
    public const string FileName = "cells.csv";

    public static readonly IReadOnlyList<string> Header = ["task", "budget", "sft_ratio", "metric_mean", "metric_std", "seeds"];

    public static void Write(string path, IEnumerable<AllocationCell> cells)
    {
        var csv = new StringBuilder();
        csv.Append(string.Join(',', Header)).Append('\n');
        foreach (var c in cells)
        {
            csv.Append(string.Join(',', Csv.Quote(c.Task), Csv.R(c.Budget), Csv.R(c.SftRatio), Csv.R(c.Mean), Csv.R(c.Std),
                c.Seeds.ToString(CultureInfo.InvariantCulture))).Append('\n');
        }
        File.WriteAllText(path, csv.ToString(), new UTF8Encoding(false));
    }

    public static IReadOnlyList<AllocationCell> Read(string path) =>
        Csv.Read(path, Header, "the cells.csv an allocation study writes")
            .Select(row => new AllocationCell(row[0], row.Number(1), row.Number(2), row.Number(3), row.Number(4), row.Integer(5)))
            .ToList();
}
