using Frugal.Schedules;
using System.Globalization;
using System.Text;
using Frugal.Studies;

namespace Frugal.Reports;

/// <summary>
/// results.csv: one row per trial with every <see cref="TrialOutcome"/> field, invariant culture, doubles in
/// round-trip precision, an empty field for a missing metric. Read parses it back exactly.
/// </summary>
public static class RexResultsCsv
{
    public static readonly IReadOnlyList<string> Header =
        ["setting", "metric_name", "optimizer", "schedule", "budget", "seed", "lr", "status", "metric", "test_loss", "steps", "seconds"];

    public static void Write(string path, IEnumerable<TrialOutcome> outcomes)
    {
        var csv = new StringBuilder();
        csv.Append(string.Join(',', Header)).Append('\n');
        foreach (var o in outcomes)
        {
            string[] fields =
            [
                Csv.Quote(o.Setting), Csv.Quote(o.MetricName), Csv.Quote(o.Optimizer), Csv.Quote(o.Schedule), Csv.R(o.Budget),
                o.Seed.ToString(CultureInfo.InvariantCulture), Csv.R(o.Lr), o.Status.Name(),
                o.Metric is { } m ? Csv.R(m) : "", o.TestLoss is { } l ? Csv.R(l) : "",
                o.Steps.ToString(CultureInfo.InvariantCulture), Csv.R(o.Seconds),
            ];
            csv.Append(string.Join(',', fields)).Append('\n');
        }
        File.WriteAllText(path, csv.ToString(), new UTF8Encoding(false));
    }

    public static IReadOnlyList<TrialOutcome> Read(string path) =>
        Csv.Read(path, Header, "a results.csv written by a REX study").Select(Parse).ToList();

    private static TrialOutcome Parse(CsvRow row)
    {
        if (!EnumNames.TryParse<TrialStatus>(row[7], out var status)) throw row.Bad(7, $"one of {EnumNames.List<TrialStatus>()}");
        return new TrialOutcome(row[0], row[1], row[2], row[3], row.Number(4), row.Integer(5), row.Number(6), status,
            row.OptionalNumber(8), row.OptionalNumber(9), row.Integer(10), row.Number(11));
    }
}
