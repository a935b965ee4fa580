using System.Text;
using Frugal.Studies;

namespace Frugal.Reports;

/// <summary>
/// Renders a <see cref="RexDocument"/> as one self-contained HTML page: the style sheet inline, every PNG
/// embedded as a data: URI, no scripts and no external links, so the file can be mailed or archived alone.
/// </summary>
public static class RexHtml
{
    /// <param name="readImage">The bytes of a figure's PNG, by file name.</param>
    public static string Render(RexDocument document, Func<string, byte[]> readImage)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(E(document.Title)).Append("</title>\n<style>\n").Append(Css).Append("</style>\n</head>\n<body>\n<main>\n")
            .Append("<h1>").Append(E(document.Title)).Append("</h1>\n");
        foreach (var block in document.Blocks)
        {
            switch (block)
            {
                case RexHeading h:
                    html.Append($"<h{h.Level}>").Append(E(h.Text)).Append($"</h{h.Level}>\n");
                    break;
                case RexParagraph p:
                    html.Append("<p>").Append(Spans(p.Spans)).Append("</p>\n");
                    break;
                case RexBulletList l:
                    html.Append("<ul>\n");
                    foreach (var item in l.Items) html.Append("<li>").Append(Spans(item)).Append("</li>\n");
                    html.Append("</ul>\n");
                    break;
                case RexCodeBlock c:
                    html.Append("<pre><code>").Append(E(c.Text)).Append("</code></pre>\n");
                    break;
                case RexTable t:
                    Table(html, t);
                    break;
                case RexFigure f:
                    html.Append("<figure>\n<img src=\"data:image/png;base64,").Append(Convert.ToBase64String(readImage(f.FileName)))
                        .Append("\" alt=\"").Append(E(f.AltText)).Append("\">\n<figcaption>").Append(E(f.Caption)).Append("</figcaption>\n</figure>\n");
                    break;
                case RexVerdict v:
                    html.Append("<p class=\"verdict ").Append(v.Verdict.ToString().ToLowerInvariant()).Append("\">Verdict: ")
                        .Append(E(v.Verdict.Label())).Append("</p>\n");
                    break;
                default:
                    throw new InvalidOperationException($"no HTML for {block.GetType().Name}");
            }
        }
        html.Append("</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void Table(StringBuilder html, RexTable t)
    {
        html.Append("<div class=\"table-wrap\"><table>\n<thead><tr>");
        for (var i = 0; i < t.Header.Count; i++) html.Append(i < t.TextColumns ? "<th>" : "<th class=\"num\">").Append(E(t.Header[i])).Append("</th>");
        html.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in t.Rows)
        {
            html.Append("<tr>");
            for (var i = 0; i < row.Count; i++)
            {
                html.Append(i < t.TextColumns ? "<td>" : "<td class=\"num\">");
                html.Append(row[i].Bold ? $"<strong>{E(row[i].Text)}</strong>" : E(row[i].Text)).Append("</td>");
            }
            html.Append("</tr>\n");
        }
        html.Append("</tbody>\n</table></div>\n");
    }

    private static string Spans(IEnumerable<RexSpan> spans) => string.Concat(spans.Select(s => s.Style switch
    {
        RexSpanStyle.Bold => $"<strong>{E(s.Text)}</strong>",
        RexSpanStyle.Code => $"<code>{E(s.Text)}</code>",
        _ => E(s.Text),
    }));

    // Only the five characters HTML gives meaning to; the rest (±, ≥, −) stay readable UTF-8.
    private static string E(string text) => text
        .Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&quot;").Replace("'", "&#39;");

    private const string Css = """
        body { margin: 0; background: #f6f7f9; color: #1d2329; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
        main { max-width: 1100px; margin: 0 auto; padding: 24px 32px 64px; background: #fff; }
        h1 { font-size: 1.8em; margin: 0.2em 0 0.6em; }
        h2 { font-size: 1.35em; margin: 1.8em 0 0.5em; padding-bottom: 0.2em; border-bottom: 1px solid #d8dde3; }
        h3 { font-size: 1.1em; margin: 1.4em 0 0.4em; }
        code, pre { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 0.9em; }
        code { background: #eef1f4; padding: 0.1em 0.3em; border-radius: 3px; }
        pre { background: #eef1f4; padding: 10px 14px; border-radius: 4px; white-space: pre-wrap; word-break: break-all; }
        pre code { background: none; padding: 0; }
        .table-wrap { overflow-x: auto; margin: 0.6em 0 1em; }
        table { border-collapse: collapse; font-size: 0.92em; }
        th, td { border: 1px solid #d8dde3; padding: 4px 10px; text-align: left; vertical-align: top; }
        th { background: #eef1f4; }
        td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
        tbody tr:nth-child(even) { background: #fafbfc; }
        figure { margin: 1em 0 1.6em; }
        figure img { display: block; max-width: 100%; height: auto; border: 1px solid #e3e7eb; }
        figcaption { color: #4a545e; font-size: 0.9em; margin-top: 0.4em; }
        .verdict { display: inline-block; font-weight: 600; padding: 3px 12px; border-radius: 4px; margin: 0.2em 0; }
        .verdict.supported { background: #dcf3e3; color: #135c2b; }
        .verdict.mixed { background: #fdf0d2; color: #6e4d00; }
        .verdict.notsupported { background: #fadcdc; color: #8a1c1c; }
        .verdict.cannotbetested { background: #e6e8eb; color: #3b434b; }

        """;
}
