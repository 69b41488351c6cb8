using Samples.Tests.Docs;

namespace Samples.Tests.Layout;

/// <summary>
/// Each sample stays something a learner reads in ten minutes: Program.cs is the
/// request's path on one screen, no file grows past 300 lines, settings are typed
/// options rather than keys read by hand, and the concept never leans on its demo.
/// </summary>
[Trait("Concept", "Layout")]
public sealed partial class SampleLayoutTests
{
    public static TheoryData<string> Samples() =>
    [
        "01-forward-proxy",
        "02-reverse-proxy",
        "03-load-balancing",
        "04-ssl-termination",
        "05-ocelot-gateway",
    ];

    [Theory]
    [MemberData(nameof(Samples))]
    public void ProgramCs_EverySample_SixtyLinesAtMost(string sample)
    {
        // Act
        var lines = File.ReadAllLines(RepositoryFiles.PathOf($"samples/{sample}/Program.cs"));

        // Assert
        lines.Length.Should().BeLessThanOrEqualTo(60, "Program.cs is the request's path on one screen");
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void ProgramCs_EverySample_ReadsNoConfigurationKeyByHand(string sample)
    {
        // Act
        var text = File.ReadAllText(RepositoryFiles.PathOf($"samples/{sample}/Program.cs"));

        // Assert: settings are typed options bound from their section.
        KeyReadByHand().Matches(text).Select(m => m.Value).Should().BeEmpty();
    }

    [Fact]
    public void SourceFiles_UnderSamples_ThreeHundredLinesAtMost()
    {
        // Act
        var tooLong = RepositoryFiles.SourceFiles("samples", "*.cs")
            .Select(f => (File: RepositoryFiles.Relative(f), Lines: File.ReadAllLines(f).Length))
            .Where(f => f.Lines > 300)
            .ToList();

        // Assert
        tooLong.Should().BeEmpty("a file over 300 lines does more than one thing");
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void ConceptFiles_EverySample_NeverReferToDemoTypes(string sample)
    {
        // Arrange: the types the sample's Demo/ folder declares.
        var folder = $"samples/{sample}";
        var files = RepositoryFiles.SourceFiles(folder, "*.cs").ToList();
        var isDemo = (string f) => RepositoryFiles.Relative(f).StartsWith($"{folder}/Demo/", StringComparison.Ordinal);
        var demoTypes = files.Where(isDemo)
            .SelectMany(f => DeclaredType().Matches(File.ReadAllText(f)).Select(m => m.Groups["name"].Value))
            .ToHashSet();

        // Act: concept files (everything outside Demo/ but Program.cs) that name one of them.
        var leaks = files.Where(f => !isDemo(f) && Path.GetFileName(f) != "Program.cs")
            .SelectMany(f => demoTypes.Where(t => Regex.IsMatch(File.ReadAllText(f), $@"\b{Regex.Escape(t)}\b")).Select(t => $"{RepositoryFiles.Relative(f)} uses {t}"))
            .ToList();
        var programLines = File.ReadAllLines(RepositoryFiles.PathOf($"{folder}/Program.cs"))
            .Count(line => !line.TrimStart().StartsWith("using ", StringComparison.Ordinal) && demoTypes.Any(t => Regex.IsMatch(line, $@"\b{Regex.Escape(t)}\b")));

        // Assert
        demoTypes.Should().NotBeEmpty("the demo's backends, banner and tour live in Demo/");
        leaks.Should().BeEmpty();
        programLines.Should().Be(1, "Program.cs hands its demo to the scaffolding on one line");
    }

    [GeneratedRegex(@"GetValue\s*[<(]|Configuration\s*\[\s*""|configuration\s*\[\s*""")]
    private static partial Regex KeyReadByHand();

    [GeneratedRegex(@"\b(?:class|record|struct|interface|enum)\s+(?<name>[A-Z]\w*)")]
    private static partial Regex DeclaredType();
}
