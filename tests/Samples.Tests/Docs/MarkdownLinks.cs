namespace Samples.Tests.Docs;

/// <summary>One link target found in a Markdown file, with the line it is on.</summary>
public sealed record MarkdownLink(int Line, string Target);

/// <summary>
/// Finds the link targets a reader can click in Markdown: inline links and
/// images, reference definitions and HTML href/src. Text inside fenced code
/// blocks and code spans is not a link, so it is left out.
/// </summary>
public static partial class MarkdownLinks
{
    public static IReadOnlyList<MarkdownLink> Find(string markdown)
    {
        var links = new List<MarkdownLink>();
        var inFence = false;
        var fence = string.Empty;
        var lines = markdown.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            var trimmed = line.TrimStart();
            if (trimmed.StartsWith("```", StringComparison.Ordinal) || trimmed.StartsWith("~~~", StringComparison.Ordinal))
            {
                var marker = trimmed[..3];
                if (!inFence)
                {
                    (inFence, fence) = (true, marker);
                    continue;
                }

                if (marker == fence)
                {
                    inFence = false;
                    continue;
                }
            }

            if (inFence)
            {
                continue;
            }

            var text = CodeSpan().Replace(line, "code");
            foreach (Match match in InlineLink().Matches(text))
            {
                links.Add(new MarkdownLink(i + 1, match.Groups["target"].Value));
            }

            foreach (Match match in ReferenceDefinition().Matches(text))
            {
                links.Add(new MarkdownLink(i + 1, match.Groups["target"].Value));
            }

            foreach (Match match in HtmlLink().Matches(text))
            {
                links.Add(new MarkdownLink(i + 1, match.Groups["target"].Value));
            }
        }

        return links;
    }

    /// <summary>
    /// The file or folder a relative link points at, or null for links that
    /// leave the repository (a scheme such as https: or mailto:) or stay on
    /// the page (#anchor). Anchors and queries are dropped: only the file counts.
    /// </summary>
    public static string? ResolveRelative(string markdownFile, string target, string repositoryRoot)
    {
        if (target.Length == 0 || target.StartsWith('#') || target.StartsWith("//", StringComparison.Ordinal) || Scheme().IsMatch(target))
        {
            return null;
        }

        var path = Uri.UnescapeDataString(target.Split('#', 2)[0].Split('?', 2)[0]);
        var baseFolder = path.StartsWith('/') ? repositoryRoot : Path.GetDirectoryName(markdownFile)!;
        return Path.GetFullPath(Path.Combine(baseFolder, path.TrimStart('/').Replace('/', Path.DirectorySeparatorChar)));
    }

    [GeneratedRegex(@"`+[^`]*`+")]
    private static partial Regex CodeSpan();

    [GeneratedRegex(@"\]\(\s*<?(?<target>[^)\s>]*)>?(?:\s+(?:""[^""]*""|'[^']*'))?\s*\)")]
    private static partial Regex InlineLink();

    [GeneratedRegex(@"^\s{0,3}\[[^\]]+\]:\s*<?(?<target>[^\s>]+)>?")]
    private static partial Regex ReferenceDefinition();

    [GeneratedRegex(@"\b(?:href|src)\s*=\s*[""'](?<target>[^""']*)[""']", RegexOptions.IgnoreCase)]
    private static partial Regex HtmlLink();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9+.\-]*:")]
    private static partial Regex Scheme();
}
