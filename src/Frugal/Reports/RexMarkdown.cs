using System.Text;
using Frugal.Studies;

namespace Frugal.Reports;

/// <summary>Renders a <see cref="RexDocument"/> as GitHub-flavoured Markdown; figures link the PNGs beside it.</summary>
public static class RexMarkdown
{
    public static string Render(RexDocument document)
    {
        var md = new StringBuilder();
        md.Append("# ").Append(Escape(document.Title)).Append("\n\n");
        foreach (var block in document.Blocks)
        {
            switch (block)
            {
                case RexHeading h:
                    md.Append('#', h.Level).Append(' ').Append(Escape(h.Text)).Append('\n');
                    break;
                case RexParagraph p:
                    md.Append(Spans(p.Spans)).Append('\n');
                    break;
                case RexBulletList l:
                    foreach (var item in l.Items) md.Append("- ").Append(Spans(item)).Append('\n');
                    break;
                case RexCodeBlock c:
                    var fence = c.Text.Contains("```") ? "~~~~" : "```";
                    md.Append(fence).Append('\n').Append(c.Text).Append('\n').Append(fence).Append('\n');
                    break;
                case RexTable t:
                    Table(md, t);
                    break;
                case RexFigure f:
                    md.Append("![").Append(Escape(f.AltText)).Append("](").Append(Uri.EscapeDataString(f.FileName)).Append(")\n\n");
                    md.Append('*').Append(Escape(f.Caption)).Append("*\n");
                    break;
                case RexVerdict v:
                    md.Append("**Verdict: ").Append(v.Verdict.Label()).Append(".**\n");
                    break;
                default:
                    throw new InvalidOperationException($"no Markdown for {block.GetType().Name}");
            }
            md.Append('\n');
        }
        return md.ToString();
    }

    private static void Table(StringBuilder md, RexTable t)
    {
        md.Append('|');
        foreach (var h in t.Header) md.Append(' ').Append(Escape(h)).Append(" |");
        md.Append("\n|");
        for (var i = 0; i < t.Header.Count; i++) md.Append(i < t.TextColumns ? " --- |" : " ---: |");
        md.Append('\n');
        foreach (var row in t.Rows)
        {
            md.Append('|');
            foreach (var cell in row)
            {
                var text = Escape(cell.Text);
                md.Append(' ').Append(cell.Bold ? Bold(cell.Text) : text).Append(" |");
            }
            md.Append('\n');
        }
    }

    private static string Spans(IEnumerable<RexSpan> spans) => string.Concat(spans.Select(s => s.Style switch
    {
        RexSpanStyle.Bold => Bold(s.Text),
        RexSpanStyle.Code => Code(s.Text),
        _ => Escape(s.Text),
    }));

    // "**a **" is not emphasis in CommonMark: the closing ** must follow a non-space. Keep spaces outside.
    private static string Bold(string text)
    {
        var core = text.Trim();
        if (core.Length == 0) return text;
        var start = text.IndexOf(core, StringComparison.Ordinal);
        return text[..start] + "**" + Escape(core) + "**" + text[(start + core.Length)..];
    }

    // A code span needs a fence of backticks longer than any run inside it.
    private static string Code(string text)
    {
        var longest = 0;
        for (int i = 0, run = 0; i < text.Length; i++)
        {
            run = text[i] == '`' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }
        var fence = new string('`', longest + 1);
        var pad = text.StartsWith('`') || text.EndsWith('`') ? " " : "";
        return fence + pad + text + pad + fence;
    }

    private static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var ch in text)
        {
            if (ch is '\\' or '*' or '_' or '`' or '|' or '[' or ']' or '<' or '>' or '#') sb.Append('\\');
            sb.Append(ch == '\n' ? ' ' : ch);
        }
        return sb.ToString();
    }
}
