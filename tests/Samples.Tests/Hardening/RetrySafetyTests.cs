using Samples.LoadBalancing;
using Samples.Tests.ForwardProxy;
using Samples.Tests.Gateway;
using Samples.Tests.LoadBalancing;

namespace Samples.Tests.Hardening;

/// <summary>
/// A request that reached a backend is sent again only if its method is
/// idempotent (nginx's proxy_next_upstream rule): a POST whose backend dies
/// while handling it is answered 502 and reaches no second backend. The dying
/// backend is a raw socket that reads the request head and closes.
/// </summary>
[Trait("Concept", "Hardening")]
public sealed class RetrySafetyTests
{
    private const string Post = "POST {0} HTTP/1.1\r\nHost: {1}\r\nContent-Type: text/plain\r\nContent-Length: 5\r\nConnection: close\r\n\r\norder";

    [Fact]
    public async Task LoadBalancer_PostWhoseBackendDiesMidRequest_502AndNoSecondBackend()
    {
        // Arrange: the "first" cluster always picks alpha, which dies on every request.
        await using var dying = DyingBackend();
        using var trio = BackendTrio.Start();
        await using var proxy = SampleHost<LoadBalancingApp>.Start(FirstIsDying(trio, dying));

        // Act
        var answer = await RawHttp.SendAsync(proxy.BaseAddress, string.Format(Post, "/first/orders", proxy.BaseAddress.Authority), Ct);

        // Assert
        answer.Status.Should().Be(502, answer.Text);
        dying.Accepted.Should().Be(1, "the request was sent once");
        trio.ProxiedCount("beta", "POST").Should().Be(0, "a POST that was sent is never sent twice");
        trio.ProxiedCount("gamma", "POST").Should().Be(0, "a POST that was sent is never sent twice");
    }

    [Fact]
    public async Task LoadBalancer_GetWhoseBackendDiesMidRequest_AnsweredByTheNextBackend()
    {
        // Arrange
        await using var dying = DyingBackend();
        using var trio = BackendTrio.Start();
        await using var proxy = SampleHost<LoadBalancingApp>.Start(FirstIsDying(trio, dying));

        // Act
        var answer = await RawHttp.SendAsync(proxy.BaseAddress, $"GET /first/item HTTP/1.1\r\nHost: {proxy.BaseAddress.Authority}\r\nConnection: close\r\n\r\n", Ct);

        // Assert
        answer.Status.Should().Be(200, answer.Text);
        answer.Text.Should().Contain("X-Destination: beta", "GET is idempotent: sending it again is safe");
    }

    [Fact]
    public async Task Gateway_PostWhoseDownstreamDiesMidRequest_502AndNoSecondDownstream()
    {
        // Arrange: NoLoadBalancer sends every request to the first host, which dies; the second is healthy.
        await using var dying = DyingBackend();
        using var healthy = WireMockBackend.Start().Stub("/orders", body: "stored", method: "POST");
        await using var gateway = GatewayUnderTest.Start($$"""
            {
              "Routes": [
                {
                  "UpstreamPathTemplate": "/orders",
                  "DownstreamPathTemplate": "/orders",
                  "DownstreamScheme": "http",
                  "DownstreamHostAndPorts": [ { "Host": "127.0.0.1", "Port": {{dying.Port}} }, { "Host": "127.0.0.1", "Port": {{healthy.Port}} } ],
                  "LoadBalancerOptions": { "Type": "NoLoadBalancer" }
                }
              ]
            }
            """);

        // Act
        var answer = await RawHttp.SendAsync(gateway.BaseAddress, string.Format(Post, "/orders", gateway.BaseAddress.Authority), Ct);

        // Assert
        answer.Status.Should().Be(502, answer.Text);
        dying.Accepted.Should().Be(1);
        healthy.ReceivedCount.Should().Be(0, "the gateway never sends a request twice");
    }

    // Reads the request head, then drops the connection without a byte of answer.
    private static RawOrigin DyingBackend() => new(async (socket, token) =>
    {
        await RawOrigin.ReadHeadAsync(socket, token);
        socket.Shutdown(SocketShutdown.Both);
        socket.Close();
    });

    private static Dictionary<string, string?> FirstIsDying(BackendTrio trio, RawOrigin dying) => trio.Settings(
        ("ReverseProxy:Clusters:first:Destinations:alpha:Address", $"http://127.0.0.1:{dying.Port}/"),
        ("ReverseProxy:Clusters:first:HealthCheck:Active:Enabled", "false"),
        ("ReverseProxy:Clusters:first:HealthCheck:Passive:Enabled", "false"));
}
