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
                Quote(o.Setting), Quote(o.MetricName), Quote(o.Optimizer), Quote(o.Schedule), R(o.Budget),
                o.Seed.ToString(CultureInfo.InvariantCulture), R(o.Lr), o.Status.Name(),
                o.Metric is { } m ? R(m) : "", o.TestLoss is { } l ? R(l) : "",
                o.Steps.ToString(CultureInfo.InvariantCulture), R(o.Seconds),
            ];
            csv.Append(string.Join(',', fields)).Append('\n');
        }
        File.WriteAllText(path, csv.ToString(), new UTF8Encoding(false));
    }

    public static IReadOnlyList<TrialOutcome> Read(string path)
    {
        if (!File.Exists(path)) throw new BadInputException($"{path}: no such file; expected a results.csv written by a REX study");
        var text = File.ReadAllText(path);
        var rows = Split(text, path);
        if (rows.Count == 0 || !rows[0].Fields.SequenceEqual(Header))
            throw new BadInputException($"{path}, line 1: expected the header {string.Join(',', Header)}");
        return rows.Skip(1).Select(row => Parse(row.Fields, path, row.Line)).ToList();
    }

    private static TrialOutcome Parse(IReadOnlyList<string> f, string path, int line)
    {
        if (f.Count != Header.Count)
            throw new BadInputException($"{path}, line {line}: expected {Header.Count} fields, got {f.Count}");
        string Where(int i) => $"{path}, line {line}, field {Header[i]}";
        double Number(int i) => double.TryParse(f[i], NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
            ? v : throw new BadInputException($"{Where(i)}: expected a number, got '{f[i]}'");
        double? Optional(int i) => f[i].Length == 0 ? null : Number(i);
        int Integer(int i) => int.TryParse(f[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out var v)
            ? v : throw new BadInputException($"{Where(i)}: expected an integer, got '{f[i]}'");
        if (!EnumNames.TryParse<TrialStatus>(f[7], out var status))
            throw new BadInputException($"{Where(7)}: expected one of {EnumNames.List<TrialStatus>()}, got '{f[7]}'");
        return new TrialOutcome(f[0], f[1], f[2], f[3], Number(4), Integer(5), Number(6), status, Optional(8), Optional(9), Integer(10), Number(11));
    }

    private static string R(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static string Quote(string s) =>
        s.IndexOfAny([',', '"', '\n', '\r']) < 0 ? s : "\"" + s.Replace("\"", "\"\"") + "\"";

    /// <summary>RFC 4180 records: quoted fields may hold commas, doubled quotes and line breaks.</summary>
    private static List<(int Line, List<string> Fields)> Split(string text, string path)
    {
        var rows = new List<(int, List<string>)>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var rowLine = 1;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '"' && field.Length == 0)
            {
                i++;
                while (true)
                {
                    if (i >= text.Length) throw new BadInputException($"{path}, line {rowLine}: a quoted field is never closed");
                    if (text[i] == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i += 2; continue; }
                        i++;
                        break;
                    }
                    if (text[i] == '\n') line++;
                    field.Append(text[i++]);
                }
                continue;
            }
            if (c == ',') { fields.Add(field.ToString()); field.Clear(); i++; continue; }
            if (c is '\r' or '\n')
            {
                fields.Add(field.ToString());
                field.Clear();
                if (fields.Count > 1 || fields[0].Length > 0) rows.Add((rowLine, fields));
                fields = [];
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                i++;
                rowLine = ++line;
                continue;
            }
            field.Append(c);
            i++;
        }
        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            rows.Add((rowLine, fields));
        }
        return rows;
    }
}
