namespace Samples.Tests.Docs;

/// <summary>The link finder the docs check relies on sees links a reader can click, and only those.</summary>
[Trait("Concept", "Docs")]
public sealed class MarkdownLinksTests
{
    [Fact]
    public void Find_InlineReferenceAndHtmlLinks_AreAllFound()
    {
        // Arrange
        const string markdown = """
            See [the sample](../samples/01-forward-proxy) and ![a picture](img/a.png "title").
            [ref]: ./glossary.md#via
            <a href="workshop.md">workshop</a>
            """;

        // Act
        var targets = MarkdownLinks.Find(markdown).Select(l => l.Target);

        // Assert
        targets.Should().Equal("../samples/01-forward-proxy", "img/a.png", "./glossary.md#via", "workshop.md");
    }

    [Fact]
    public void Find_LinksInsideCodeBlocksAndCodeSpans_AreIgnored()
    {
        // Arrange
        const string markdown = """
            Write `[text](not-a-link.md)` in Markdown.
            ```mermaid
            A[client](proxy) --> B
            ```
            [real](real.md)
            """;

        // Act
        var links = MarkdownLinks.Find(markdown);

        // Assert
        links.Should().ContainSingle().Which.Should().Be(new MarkdownLink(5, "real.md"));
    }

    [Theory]
    [InlineData("https://www.rfc-editor.org/rfc/rfc9110")]
    [InlineData("mailto:someone@example.invalid")]
    [InlineData("#a-heading")]
    public void ResolveRelative_ExternalOrSamePageLink_IsNotAFile(string target)
    {
        MarkdownLinks.ResolveRelative("/repo/docs/README.md", target, "/repo").Should().BeNull();
    }

    [Theory]
    [InlineData("glossary.md#via", "/repo/docs/glossary.md")]
    [InlineData("../samples/01-forward-proxy", "/repo/samples/01-forward-proxy")]
    [InlineData("/docs/workshop.md", "/repo/docs/workshop.md")]
    [InlineData("a%20file.md?plain=1", "/repo/docs/a file.md")]
    public void ResolveRelative_RelativeLink_PointsIntoTheRepository(string target, string expected)
    {
        MarkdownLinks.ResolveRelative("/repo/docs/README.md", target, "/repo").Should().Be(expected);
    }
}
