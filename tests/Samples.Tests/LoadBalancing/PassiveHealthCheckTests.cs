using Samples.LoadBalancing;

namespace Samples.Tests.LoadBalancing;

[Trait("Concept", "LoadBalancing")]
public sealed class PassiveHealthCheckTests
{
    [Fact]
    public async Task PassiveHealthCheck_BackendFailsRealRequests_EjectedAndNoLongerTried()
    {
        // Arrange: only the passive check (no probes), judging after 3 requests to a destination.
        var logs = new LogCapture();
        await using var balancer = BalancerUnderTest.Start(
            [
                ("ReverseProxy:Clusters:round-robin:HealthCheck:Active:Enabled", "false"),
                ("LoadBalancing:TransportFailureRate:MinimalTotalCountThreshold", "3"),
                ("LoadBalancing:TransportFailureRate:DetectionWindowSize", "00:01:00"),
            ],
            logs: logs);
        balancer.Backends["beta"].Server.Stop();
        int Failovers() => logs.Lines.Count(l => l.StartsWith("Failover: GET", StringComparison.Ordinal));

        // Act: real traffic keeps hitting the dead beta (and failing over) until the passive check ejects it.
        var ejected = await ProxyCalls.EventuallyAsync(
            async () =>
            {
                await ProxyCalls.SpreadAsync(balancer.Client, "/round-robin/item", 3);
                return logs.Lines.Any(l => l.Contains("beta of cluster round-robin is OUT of the rotation (passive check)", StringComparison.Ordinal));
            },
            TimeSpan.FromSeconds(20));
        var settled = await ProxyCalls.EventuallyAsync(
            async () =>
            {
                var before = Failovers();
                await ProxyCalls.SpreadAsync(balancer.Client, "/round-robin/item", 6);
                return Failovers() == before;
            },
            TimeSpan.FromSeconds(20));
        var afterwards = await ProxyCalls.SpreadAsync(balancer.Client, "/round-robin/item", 10);

        // Assert: ejected by the passive check, and from then on beta is not even tried.
        ejected.Should().BeTrue();
        settled.Should().BeTrue();
        afterwards.Should().BeEquivalentTo(new Dictionary<string, int> { ["alpha"] = 5, ["gamma"] = 5 });
    }
}
