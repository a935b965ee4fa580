using System.Globalization;
using System.Text;

namespace Frugal.Reports;

/// <summary>The CSV dialect of Frugal's result files: RFC 4180, invariant culture, doubles in round-trip precision.</summary>
public static class Csv
{
    public static string R(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    public static string Quote(string s) =>
        s.IndexOfAny([',', '"', '\n', '\r']) < 0 ? s : "\"" + s.Replace("\"", "\"\"") + "\"";

    /// <summary>RFC 4180 records: quoted fields may hold commas, doubled quotes and line breaks.</summary>
    public static List<(int Line, List<string> Fields)> Split(string text, string path)
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

    /// <summary>Reads the rows of a file with exactly this header, each checked for its field count.</summary>
    /// <exception cref="BadInputException">Missing file, wrong header or field count; the message names file and line.</exception>
    public static IEnumerable<CsvRow> Read(string path, IReadOnlyList<string> header, string expected)
    {
        if (!File.Exists(path)) throw new BadInputException($"{path}: no such file; expected {expected}");
        var rows = Split(File.ReadAllText(path), path);
        if (rows.Count == 0 || !rows[0].Fields.SequenceEqual(header))
            throw new BadInputException($"{path}, line 1: expected the header {string.Join(',', header)}");
        foreach (var (line, fields) in rows.Skip(1))
        {
            if (fields.Count != header.Count)
                throw new BadInputException($"{path}, line {line}: expected {header.Count} fields, got {fields.Count}");
            yield return new CsvRow(path, line, header, fields);
        }
    }
}

/// <summary>One row of a result file; its parsers name the file, line and field of a bad value.</summary>
public readonly record struct CsvRow(string Path, int Line, IReadOnlyList<string> Header, IReadOnlyList<string> Fields)
{
    public string this[int i] => Fields[i];

    public double Number(int i) => double.TryParse(Fields[i], NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
        ? v : throw Bad(i, "a number");

    public double? OptionalNumber(int i) => Fields[i].Length == 0 ? null : Number(i);

    public int Integer(int i) => int.TryParse(Fields[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out var v)
        ? v : throw Bad(i, "an integer");

    public BadInputException Bad(int i, string expected) =>
        new($"{Path}, line {Line}, field {Header[i]}: expected {expected}, got '{Fields[i]}'");
}
