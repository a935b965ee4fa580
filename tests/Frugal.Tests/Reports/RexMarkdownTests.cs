using Frugal.Reports;
using Frugal.Studies;

namespace Frugal.Tests.Reports;

public class RexMarkdownTests
{
    [Fact]
    public void Renders_every_block_escaping_markup_in_text()
    {
        var document = new RexDocument("a|b *title*",
        [
            new RexHeading(2, "Section_1"),
            new RexParagraph([new("Rule: ", RexSpanStyle.Bold), new("x < y"), new("a`b", RexSpanStyle.Code)]),
            new RexTable(["Setting", "1%"], [[new("s|t"), new("9.00", Bold: true)]]),
            new RexFigure("a b.png", "alt [x]", "caption"),
            new RexVerdict(ClaimVerdict.NotSupported),
        ]);

        Assert.Equal(
            "# a\\|b \\*title\\*\n\n## Section\\_1\n\n**Rule:** x \\< y``a`b``\n\n| Setting | 1% |\n| --- | ---: |\n| s\\|t | **9.00** |\n\n"
            + "![alt \\[x\\]](a%20b.png)\n\n*caption*\n\n**Verdict: Not supported.**\n\n",
            RexMarkdown.Render(document));
    }

    [Fact]
    public void Html_escapes_text_and_marks_the_verdict()
    {
        var html = RexHtml.Render(new RexDocument("<t>", [new RexParagraph([new("a & \"b\"")]), new RexVerdict(ClaimVerdict.Mixed)]), _ => []);

        Assert.Contains("<h1>&lt;t&gt;</h1>", html);
        Assert.Contains("<p>a &amp; &quot;b&quot;</p>", html);
        Assert.Contains("<p class=\"verdict mixed\">Verdict: Mixed</p>", html);
    }
}
