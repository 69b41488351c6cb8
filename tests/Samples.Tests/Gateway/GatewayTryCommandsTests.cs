using Samples.OcelotGateway.Demo;

namespace Samples.Tests.Gateway;

/// <summary>The banner's curl commands point at the address the gateway really listens on.</summary>
[Trait("Concept", "Gateway")]
public sealed class GatewayTryCommandsTests
{
    [Fact]
    public void TryCommands_OtherListenAddress_EveryCommandUsesIt()
    {
        // Arrange
        var gateway = new Uri("http://127.0.0.1:9185");

        // Act
        var commands = TryCommands.For(gateway, demoBackends: true);

        // Assert
        commands.Should().HaveCountGreaterThanOrEqualTo(3);
        commands.Should().AllSatisfy(c => c.Should().Contain("http://127.0.0.1:9185/").And.NotContain(":8085"));
        commands.Should().Contain(c => c.Contains("/demo/token", StringComparison.Ordinal));
    }

    [Fact]
    public void TryCommands_WithoutDemoBackends_NoDemoTokenCommand()
    {
        // Arrange
        var gateway = new Uri("http://127.0.0.1:8085/");

        // Act
        var commands = TryCommands.For(gateway, demoBackends: false);

        // Assert
        commands.Should().NotBeEmpty();
        commands.Should().NotContain(c => c.Contains("/demo/token", StringComparison.Ordinal), "/demo/token only answers while the demo backends run");
    }
}
