using Samples.LoadBalancing;

namespace Samples.Tests.LoadBalancing;

[Trait("Concept", "LoadBalancing")]
public sealed class DestinationHeaderTests
{
    [Fact]
    public async Task ExposeDestination_Default_HeaderNamesTheBackendThatAnswered()
    {
        // Arrange
        using var trio = BackendTrio.Start();
        await using var host = SampleHost<LoadBalancingApp>.Start(trio.Settings(), HostMode.TestServer);
        using var client = host.CreateClient();

        // Act
        using var response = await client.GetAsync(new Uri("/round-robin/who", UriKind.Relative), Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);

        // Assert: the header, the body (each backend answers its name) and the backend's log agree.
        var named = ProxyCalls.Destination(response);
        named.Should().BeOneOf(BackendTrio.Names);
        body.Should().Be(named);
        trio[named!].ReceivedCountFor("/round-robin/who").Should().Be(1);
    }

    [Fact]
    public async Task ExposeDestination_False_NoHeader()
    {
        // Arrange
        using var trio = BackendTrio.Start();
        await using var host = SampleHost<LoadBalancingApp>.Start(trio.Settings(("LoadBalancing:ExposeDestination", "false")), HostMode.TestServer);
        using var client = host.CreateClient();

        // Act
        using var response = await client.GetAsync(new Uri("/round-robin/who", UriKind.Relative), Ct);

        // Assert: still proxied, but the backend's identity stays hidden.
        response.IsSuccessStatusCode.Should().BeTrue();
        response.Headers.Contains("X-Destination").Should().BeFalse();
    }
}
