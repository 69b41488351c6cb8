namespace Samples.Tests.Docs;

/// <summary>
/// A workshop stalls on the first command that names a folder or a test
/// trait that does not exist; these checks read docs/workshop.md as a learner
/// would type it.
/// </summary>
[Trait("Concept", "Docs")]
public sealed partial class WorkshopCommandTests
{
    private static string WorkshopPath => RepositoryFiles.PathOf("docs/workshop.md");

    [Fact]
    public void Workshop_EveryCommandNamingASample_NamesAnExistingSampleProject()
    {
        // Arrange
        var commands = Commands().ToList();

        // Act
        var named = commands
            .SelectMany(c => SampleFolder().Matches(c.Text).Select(m => (c.Line, Folder: m.Groups["folder"].Value)))
            .ToList();
        var missing = named
            .Where(n => !Directory.Exists(RepositoryFiles.PathOf("samples/" + n.Folder))
                || !Directory.EnumerateFiles(RepositoryFiles.PathOf("samples/" + n.Folder), "*.csproj").Any())
            .Select(n => $"docs/workshop.md:{n.Line}: samples/{n.Folder}")
            .ToList();

        // Assert
        named.Should().NotBeEmpty("the workshop's commands run the samples");
        missing.Should().BeEmpty("every sample a command names must exist (missing: {0})", string.Join("; ", missing));
    }

    [Fact]
    public void Workshop_Labs_RunEverySampleAndItsTour()
    {
        // Arrange
        var commands = Commands().Select(c => c.Text).ToList();
        string[] samples = ["01-forward-proxy", "02-reverse-proxy", "03-load-balancing", "04-ssl-termination", "05-ocelot-gateway"];

        // Act
        var notRun = samples.Where(s => !commands.Any(c => c.Contains($"dotnet run --project samples/{s}", StringComparison.Ordinal))).ToList();
        var noTour = samples.Where(s => !commands.Any(c => c.Contains($"dotnet run --project samples/{s} -- demo", StringComparison.Ordinal))).ToList();

        // Assert
        notRun.Should().BeEmpty("each lab starts its sample");
        noTour.Should().BeEmpty("each lab shows the sample's scripted tour");
    }

    [Fact]
    public void Workshop_EveryConceptFilter_NamesATraitThatTestsCarry()
    {
        // Arrange
        var declared = RepositoryFiles.SourceFiles("tests", "*.cs")
            .SelectMany(f => DeclaredTrait().Matches(File.ReadAllText(f)).Select(m => m.Groups["name"].Value))
            .ToHashSet(StringComparer.Ordinal);

        // Act
        var named = Commands()
            .SelectMany(c => FilteredTrait().Matches(c.Text).Select(m => (c.Line, Name: m.Groups["name"].Value)))
            .ToList();
        var unknown = named.Where(n => !declared.Contains(n.Name)).Select(n => $"docs/workshop.md:{n.Line}: Concept={n.Name}").ToList();

        // Assert
        named.Select(n => n.Name).Distinct().Should().HaveCountGreaterThanOrEqualTo(6, "the exercises are answered by the tests of each concept");
        unknown.Should().BeEmpty("a filter that matches no test runs nothing (unknown: {0})", string.Join("; ", unknown));
    }

    // Every line that runs dotnet or curl, wherever it is on the page (code blocks and tables alike).
    private static IEnumerable<(int Line, string Text)> Commands() =>
        File.ReadAllLines(WorkshopPath)
            .Select((text, index) => (Line: index + 1, Text: text))
            .Where(l => CommandLine().IsMatch(l.Text));

    [GeneratedRegex(@"\bdotnet\s+(?:run|test)\b|\bcurl\s")]
    private static partial Regex CommandLine();

    [GeneratedRegex(@"(?<![\w./-])samples/(?<folder>[A-Za-z0-9][A-Za-z0-9._-]*)")]
    private static partial Regex SampleFolder();

    [GeneratedRegex(@"--filter-trait\s+""?Concept=(?<name>[A-Za-z]+)")]
    private static partial Regex FilteredTrait();

    [GeneratedRegex(@"\[Trait\(\s*""Concept""\s*,\s*""(?<name>[A-Za-z]+)""\s*\)\]")]
    private static partial Regex DeclaredTrait();
}
