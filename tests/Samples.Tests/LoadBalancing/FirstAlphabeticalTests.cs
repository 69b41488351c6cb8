using Samples.LoadBalancing;

namespace Samples.Tests.LoadBalancing;

[Trait("Concept", "LoadBalancing")]
public sealed class FirstAlphabeticalTests
{
    [Fact]
    public async Task FirstAlphabetical_AllHealthy_EveryRequestGoesToAlpha()
    {
        // Arrange
        using var trio = BackendTrio.Start();
        await using var host = SampleHost<LoadBalancingApp>.Start(trio.Settings(), HostMode.TestServer);
        using var client = host.CreateClient();

        // Act
        var spread = await ProxyCalls.SpreadAsync(client, "/first/item", 10);

        // Assert
        spread.Should().BeEquivalentTo(new Dictionary<string, int> { ["alpha"] = 10 });
        trio.ProxiedCount("beta").Should().Be(0);
        trio.ProxiedCount("gamma").Should().Be(0);
    }

    [Fact]
    public async Task FirstAlphabetical_AlphaFailsHealthCheck_BetaTakesOver()
    {
        // Arrange: fast probes, and alpha's /health says 503 from the start.
        using var trio = BackendTrio.Start();
        trio.SetHealth("alpha", 503);
        await using var host = SampleHost<LoadBalancingApp>.Start(
            trio.Settings(("ReverseProxy:Clusters:first:HealthCheck:Active:Interval", "00:00:00.200")),
            HostMode.TestServer);
        using var client = host.CreateClient();

        // Act
        var tookOver = await ProxyCalls.EventuallyAsync(
            async () => (await ProxyCalls.SequenceAsync(client, "/first/item", 1))[0] == "beta",
            TimeSpan.FromSeconds(20));
        var spread = await ProxyCalls.SpreadAsync(client, "/first/item", 5);

        // Assert: the standby (next by name) serves while the first is unhealthy.
        tookOver.Should().BeTrue();
        spread.Should().BeEquivalentTo(new Dictionary<string, int> { ["beta"] = 5 });
    }
}
