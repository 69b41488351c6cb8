using Samples.OcelotGateway;

namespace Samples.Tests.Gateway;

/// <summary>A deprecation warning names the Ocelot file the gateway was given, not the default's name.</summary>
[Trait("Concept", "Gateway")]
public sealed class GatewayDeprecationFileNameTests
{
    [Fact]
    public async Task DeprecatedKey_InAFileGivenByConfigFile_WarningNamesThatFile()
    {
        // Arrange
        using var folder = new OcelotFileFolder();
        var file = folder.Write("legacy.json", """
            { "Routes": [
              { "UpstreamPathTemplate": "/old", "DownstreamPathTemplate": "/old", "DownstreamHostAndPorts": [ { "Host": "127.0.0.1", "Port": 1 } ],
                "FileCacheOptions": { "TtlSeconds": 5 } } ] }
            """);
        var logs = new LogCapture();

        // Act
        await using var gateway = SampleHost<GatewayApp>.Start(
            new Dictionary<string, string?> { ["Gateway:ConfigFile"] = file },
            HostMode.TestServer,
            services: s => s.AddLogging(b => b.AddProvider(logs)));

        // Assert
        var warning = logs.Messages.Should().ContainSingle(m => m.Contains("is deprecated", StringComparison.Ordinal)).Subject;
        warning.Should().StartWith("Warning: legacy.json: Routes[0].FileCacheOptions is deprecated: use Routes[0].CacheOptions");
    }
}
