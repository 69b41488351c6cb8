using Samples.LoadBalancing;

namespace Samples.Tests.LoadBalancing;

[Trait("Concept", "LoadBalancing")]
public sealed class FirstAlphabeticalTests
{
    [Fact]
    public async Task FirstAlphabetical_AllHealthy_EveryRequestGoesToAlpha()
    {
        // Arrange
        await using var balancer = BalancerUnderTest.Start();

        // Act
        var spread = await ProxyCalls.SpreadAsync(balancer.Client, "/first/item", 10);

        // Assert
        spread.Should().BeEquivalentTo(new Dictionary<string, int> { ["alpha"] = 10 });
        balancer.Backends.ProxiedCount("beta").Should().Be(0);
        balancer.Backends.ProxiedCount("gamma").Should().Be(0);
    }

    [Fact]
    public async Task FirstAlphabetical_AlphaFailsHealthCheck_BetaTakesOver()
    {
        // Arrange: fast probes, and alpha's /health says 503 from the start.
        await using var balancer = BalancerUnderTest.Start(
            [("ReverseProxy:Clusters:first:HealthCheck:Active:Interval", "00:00:00.200")],
            backends: trio => trio.SetHealth("alpha", 503));

        // Act
        var tookOver = await ProxyCalls.EventuallyAsync(
            async () => (await ProxyCalls.SequenceAsync(balancer.Client, "/first/item", 1))[0] == "beta",
            TimeSpan.FromSeconds(20));
        var spread = await ProxyCalls.SpreadAsync(balancer.Client, "/first/item", 5);

        // Assert: the standby (next by name) serves while the first is unhealthy.
        tookOver.Should().BeTrue();
        spread.Should().BeEquivalentTo(new Dictionary<string, int> { ["beta"] = 5 });
    }
}
