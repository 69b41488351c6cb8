using Samples.OcelotGateway.Configuration;
using Samples.Tests.Docs;

namespace Samples.Tests.Gateway;

/// <summary>The Ocelot file the sample ships, read as start-up reads it, has no mistake and nothing deprecated.</summary>
[Trait("Concept", "Gateway")]
public sealed class OcelotFileShippedTests
{
    [Theory]
    [InlineData("Development")]
    [InlineData("Production")]
    public void Load_TheSamplesOwnFile_NoErrorsNoWarnings(string environment)
    {
        // Act
        var result = OcelotConfigLoader.Load(RepositoryFiles.PathOf("samples/05-ocelot-gateway/" + OcelotConfigLoader.DefaultFileName), environment, ["Bearer"]);

        // Assert
        result.Errors.Should().BeEmpty();
        result.Warnings.Should().BeEmpty();
        result.Configuration!.Routes.Should().NotBeEmpty();
    }
}
