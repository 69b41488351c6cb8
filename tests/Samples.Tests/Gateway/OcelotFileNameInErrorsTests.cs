using Samples.OcelotGateway.Configuration;
using Samples.Scaffolding;

namespace Samples.Tests.Gateway;

/// <summary>A broken Ocelot file given by --Gateway:ConfigFile is named as itself in the start-up error, never as "ocelot.json".</summary>
[Trait("Concept", "Gateway")]
public sealed class OcelotFileNameInErrorsTests
{
    [Fact]
    public async Task Load_BrokenJsonInAnotherFile_ErrorNamesOnlyThatFile()
    {
        // Arrange
        var folder = Directory.CreateTempSubdirectory("gateway-broken-");
        try
        {
            var file = Path.Combine(folder.FullName, "broken.json");
            await File.WriteAllTextAsync(file, "{ \"Routes\": [ ", TestContext.Current.CancellationToken);

            // Act
            var act = () => OcelotConfigLoader.Load(file, "Production").GetOrThrow();

            // Assert
            var error = act.Should().Throw<StartupException>().Which.Message;
            error.Should().StartWith("Configuration error: $").And.Contain("is not valid JSON").And.EndWith("in broken.json");
            error.Should().NotContain("ocelot.json");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
