using Samples.LoadBalancing;

namespace Samples.Tests.LoadBalancing;

[Trait("Concept", "LoadBalancing")]
public sealed class DestinationHeaderTests
{
    [Fact]
    public async Task ExposeDestination_Default_HeaderNamesTheBackendThatAnswered()
    {
        // Arrange
        await using var balancer = BalancerUnderTest.Start();

        // Act
        using var response = await balancer.Client.GetAsync(new Uri("/round-robin/who", UriKind.Relative), Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);

        // Assert: the header, the body (each backend answers its name) and the backend's log agree.
        var named = ProxyCalls.Destination(response);
        named.Should().BeOneOf(BackendTrio.Names);
        body.Should().Be(named);
        balancer.Backends[named!].ReceivedCountFor("/round-robin/who").Should().Be(1);
    }

    [Fact]
    public async Task ExposeDestination_False_NoHeader()
    {
        // Arrange
        await using var balancer = BalancerUnderTest.Start([("LoadBalancing:ExposeDestination", "false")]);

        // Act
        using var response = await balancer.Client.GetAsync(new Uri("/round-robin/who", UriKind.Relative), Ct);

        // Assert: still proxied, but the backend's identity stays hidden.
        response.IsSuccessStatusCode.Should().BeTrue();
        response.Headers.Contains("X-Destination").Should().BeFalse();
    }
}
