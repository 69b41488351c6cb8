using Samples.OcelotGateway.Configuration;

namespace Samples.Tests.Gateway;

/// <summary>A broken Ocelot file given by --Gateway:ConfigFile is named as itself in the start-up error, never as "ocelot.json".</summary>
[Trait("Concept", "Gateway")]
public sealed class OcelotFileNameInErrorsTests
{
    [Fact]
    public void Load_BrokenJsonInAnotherFile_ErrorNamesOnlyThatFile()
    {
        // Arrange
        using var folder = new OcelotFileFolder();
        var file = folder.Write("broken.json", "{ \"Routes\": [ ");

        // Act
        var act = () => OcelotConfigLoader.Load(file, "Production").GetOrThrow();

        // Assert
        var error = act.Should().Throw<StartupException>().Which.Message;
        error.Should().StartWith("Configuration error: $").And.Contain("is not valid JSON").And.EndWith("in broken.json");
        error.Should().NotContain("ocelot.json");
    }
}
