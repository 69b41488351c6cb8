namespace Samples.Tests.Docs;

/// <summary>
/// The docs are a path through the suite: every relative link in the root
/// README and in docs/ must lead to a file or folder of this repository.
/// </summary>
[Trait("Concept", "Docs")]
public sealed class DocsLinkTests
{
    private static readonly string[] SampleFolders =
    [
        "samples/01-forward-proxy",
        "samples/02-reverse-proxy",
        "samples/03-load-balancing",
        "samples/04-ssl-termination",
        "samples/05-ocelot-gateway",
    ];

    public static IEnumerable<string> MarkdownFiles() =>
        new[] { RepositoryFiles.PathOf("README.md") }
            .Concat(Directory.EnumerateFiles(RepositoryFiles.PathOf("docs"), "*.md", SearchOption.AllDirectories))
            .Order(StringComparer.Ordinal);

    [Fact]
    public void ReadmeAndDocs_EveryRelativeLink_ResolvesToAFileOrFolder()
    {
        // Arrange
        var files = MarkdownFiles().ToList();
        var checkedLinks = 0;
        var broken = new List<string>();

        // Act
        foreach (var file in files)
        {
            foreach (var link in MarkdownLinks.Find(File.ReadAllText(file)))
            {
                var target = MarkdownLinks.ResolveRelative(file, link.Target, RepositoryFiles.Root);
                if (target is null)
                {
                    continue;
                }

                checkedLinks++;
                if (!File.Exists(target) && !Directory.Exists(target))
                {
                    broken.Add($"{RepositoryFiles.Relative(file)}:{link.Line}: {link.Target}");
                }
            }
        }

        // Assert
        files.Should().Contain(f => f.EndsWith(Path.Combine("docs", "README.md"), StringComparison.Ordinal), "docs/README.md is the concept map");
        checkedLinks.Should().BeGreaterThan(20, "the docs link to the samples, the tests and each other");
        broken.Should().BeEmpty("every relative link must resolve (broken: {0})", string.Join("; ", broken));
    }

    [Fact]
    public void ConceptMap_EverySample_IsLinkedWithItsTestFolder()
    {
        // Arrange
        var conceptMap = RepositoryFiles.PathOf("docs/README.md");
        var targets = MarkdownLinks.Find(File.ReadAllText(conceptMap))
            .Select(l => MarkdownLinks.ResolveRelative(conceptMap, l.Target, RepositoryFiles.Root))
            .OfType<string>()
            .Select(p => RepositoryFiles.Relative(p).TrimEnd('/'))
            .ToHashSet(StringComparer.Ordinal);

        // Act
        var missingSamples = SampleFolders.Where(s => !targets.Contains(s)).ToList();
        var testFolders = targets.Where(t => t.StartsWith("tests/Samples.Tests/", StringComparison.Ordinal)).ToList();

        // Assert
        missingSamples.Should().BeEmpty("the concept map links every sample");
        testFolders.Should().HaveCountGreaterThanOrEqualTo(5, "every row of the comparison names the tests that prove it");
    }
}
