using Frugal.Studies;

namespace Frugal.Reports;

/// <summary>
/// The REX report as structure. The Markdown and HTML writers each render this model, so neither output
/// is derived from the other's text.
/// </summary>
public sealed record RexDocument(string Title, IReadOnlyList<RexBlock> Blocks);

public abstract record RexBlock;

/// <summary>Level 2 for sections, 3 below them; the title is level 1 and comes from the document.</summary>
public sealed record RexHeading(int Level, string Text) : RexBlock;

public sealed record RexParagraph(IReadOnlyList<RexSpan> Spans) : RexBlock
{
    public static RexParagraph Of(string text) => new([new RexSpan(text)]);
}

public sealed record RexBulletList(IReadOnlyList<IReadOnlyList<RexSpan>> Items) : RexBlock;

public sealed record RexCodeBlock(string Text) : RexBlock;

/// <summary>The first <see cref="TextColumns"/> columns hold names and are left-aligned; the rest hold numbers.</summary>
public sealed record RexTable(IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<RexCell>> Rows, int TextColumns = 1) : RexBlock;

public sealed record RexCell(string Text, bool Bold = false);

/// <summary>A PNG written next to the report; Markdown links it, HTML embeds it.</summary>
public sealed record RexFigure(string FileName, string AltText, string Caption) : RexBlock;

public sealed record RexVerdict(ClaimVerdict Verdict) : RexBlock;

public sealed record RexSpan(string Text, RexSpanStyle Style = RexSpanStyle.Plain);

public enum RexSpanStyle
{
    Plain,
    Bold,
    Code,
}
