using Samples.ForwardProxy;
using Samples.LoadBalancing;
using Samples.Tests.ForwardProxy;
using Samples.Tests.Gateway;
using Samples.Tests.LoadBalancing;
using Samples.Tests.ReverseProxy;

namespace Samples.Tests.Hardening;

/// <summary>
/// RFC 9110 §7.6.1: a header named in Connection describes one hop and is
/// removed before the message is forwarded, in both directions, also when the
/// same Connection header says close or keep-alive (which Kestrel acts on
/// before the application sees the request). Raw sockets on both sides, so
/// that the bytes are exactly these.
/// </summary>
[Trait("Concept", "Hardening")]
public sealed class HopByHopTests
{
    public static TheoryData<string> ConnectionTokens() => new() { "close", "keep-alive", "Keep-Alive, close" };

    [Theory]
    [MemberData(nameof(ConnectionTokens))]
    public async Task ForwardProxy_HeaderNamedBesideConnectionToken_NeverReachesTheOrigin(string token)
    {
        // Arrange
        using var origin = WireMockBackend.Start().Stub("/hop", body: "ok");
        await using var proxy = SampleHost<ForwardProxyApp>.Start();

        // Act
        var answer = await RawHttp.SendAsync(proxy.BaseAddress, Request($"{origin.Url}hop", origin.Url.Authority, token), Ct);

        // Assert
        AssertRequestCleaned(answer, origin, "/hop");
    }

    [Theory]
    [MemberData(nameof(ConnectionTokens))]
    public async Task ReverseProxy_HeaderNamedBesideConnectionToken_NeverReachesTheBackend(string token)
    {
        // Arrange
        await using var proxy = ProxyUnderTest.Start(catalog: c => c.Stub("/catalog/hop", body: "ok"));

        // Act
        var answer = await RawHttp.SendAsync(proxy.Host.BaseAddress, Request("/catalog/hop", proxy.Host.BaseAddress.Authority, token), Ct);

        // Assert
        AssertRequestCleaned(answer, proxy.Catalog, "/catalog/hop");
    }

    [Theory]
    [MemberData(nameof(ConnectionTokens))]
    public async Task LoadBalancer_HeaderNamedBesideConnectionToken_NeverReachesTheBackend(string token)
    {
        // Arrange
        using var trio = BackendTrio.Start();
        await using var proxy = SampleHost<LoadBalancingApp>.Start(trio.Settings());

        // Act
        var answer = await RawHttp.SendAsync(proxy.BaseAddress, Request("/first/hop", proxy.BaseAddress.Authority, token), Ct);

        // Assert
        AssertRequestCleaned(answer, trio["alpha"], "/first/hop");
    }

    [Theory]
    [MemberData(nameof(ConnectionTokens))]
    public async Task Gateway_HeaderNamedBesideConnectionToken_NeverReachesTheDownstream(string token)
    {
        // Arrange
        using var downstream = WireMockBackend.Start().Stub("/hop", body: "ok");
        await using var gateway = GatewayUnderTest.Start(OneRoute(downstream.Port));

        // Act
        var answer = await RawHttp.SendAsync(gateway.BaseAddress, Request("/hop", gateway.BaseAddress.Authority, token), Ct);

        // Assert
        AssertRequestCleaned(answer, downstream, "/hop");
    }

    [Fact]
    public async Task ForwardProxy_ResponseHeaderNamedBesideClose_NeverReachesTheClient()
    {
        // Arrange
        await using var origin = HopByHopOrigin();
        await using var proxy = SampleHost<ForwardProxyApp>.Start();

        // Act
        var answer = await RawHttp.SendAsync(proxy.BaseAddress, $"GET http://127.0.0.1:{origin.Port}/ HTTP/1.1\r\nHost: 127.0.0.1:{origin.Port}\r\nConnection: close\r\n\r\n", Ct);

        // Assert
        AssertResponseCleaned(answer);
    }

    [Fact]
    public async Task ReverseProxy_ResponseHeaderNamedBesideClose_NeverReachesTheClient()
    {
        // Arrange
        await using var origin = HopByHopOrigin();
        await using var proxy = ProxyUnderTest.Start(settings: new Dictionary<string, string?>
        {
            ["ReverseProxy:Clusters:catalog:Destinations:catalog-1:Address"] = $"http://127.0.0.1:{origin.Port}/",
        });

        // Act
        var answer = await RawHttp.SendAsync(proxy.Host.BaseAddress, ClosingGet("/catalog/x", proxy.Host.BaseAddress), Ct);

        // Assert
        AssertResponseCleaned(answer);
    }

    [Fact]
    public async Task LoadBalancer_ResponseHeaderNamedBesideClose_NeverReachesTheClient()
    {
        // Arrange
        await using var origin = HopByHopOrigin();
        using var trio = BackendTrio.Start();
        var settings = trio.Settings(("ReverseProxy:Clusters:first:Destinations:alpha:Address", $"http://127.0.0.1:{origin.Port}/"));
        await using var proxy = SampleHost<LoadBalancingApp>.Start(settings);

        // Act
        var answer = await RawHttp.SendAsync(proxy.BaseAddress, ClosingGet("/first/x", proxy.BaseAddress), Ct);

        // Assert
        AssertResponseCleaned(answer);
    }

    [Fact]
    public async Task Gateway_ResponseHeaderNamedBesideClose_NeverReachesTheClient()
    {
        // Arrange
        await using var origin = HopByHopOrigin();
        await using var gateway = GatewayUnderTest.Start(OneRoute(origin.Port));

        // Act
        var answer = await RawHttp.SendAsync(gateway.BaseAddress, ClosingGet("/hop", gateway.BaseAddress), Ct);

        // Assert
        AssertResponseCleaned(answer);
    }

    private static string Request(string target, string host, string token) =>
        $"GET {target} HTTP/1.1\r\nHost: {host}\r\nConnection: {token}, X-Secret, X-Hop-Hint\r\n" +
        "X-Secret: 1\r\nX-Hop-Hint: internal\r\nX-End-To-End: kept\r\n\r\n";

    private static string ClosingGet(string path, Uri server) =>
        $"GET {path} HTTP/1.1\r\nHost: {server.Authority}\r\nConnection: close\r\n\r\n";

    private static void AssertRequestCleaned(RawAnswer answer, WireMockBackend backend, string path)
    {
        answer.Status.Should().Be(200, answer.Text);
        var seen = backend.Received.Last(e => e.RequestMessage?.Path == path);
        WireMockBackend.HeaderOf(seen, "X-End-To-End").Should().Be("kept");
        WireMockBackend.HeaderOf(seen, "X-Secret").Should().BeNull("Connection named it: it was for the client-proxy hop only");
        WireMockBackend.HeaderOf(seen, "X-Hop-Hint").Should().BeNull("Connection named it: it was for the client-proxy hop only");
    }

    private static void AssertResponseCleaned(RawAnswer answer)
    {
        answer.Status.Should().Be(200, answer.Text);
        var head = answer.Text.Split("\r\n\r\n")[0];
        head.Should().Contain("X-End-To-End: kept");
        head.Should().NotContain("X-Backend-Hint", "the backend's Connection named it");
    }

    // An origin that closes after each answer and names a header of its own in the same Connection header.
    private static RawOrigin HopByHopOrigin() => new(async (socket, token) =>
    {
        await RawOrigin.ReadHeadAsync(socket, token);
        var response = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close, X-Backend-Hint\r\nX-Backend-Hint: internal\r\n" +
            "X-End-To-End: kept\r\n\r\nok";
        await socket.SendAsync(Encoding.ASCII.GetBytes(response), SocketFlags.None, token);
        socket.Shutdown(SocketShutdown.Both);
    });

    private static string OneRoute(int port) => $$"""
        {
          "Routes": [
            {
              "UpstreamPathTemplate": "/{everything}",
              "DownstreamPathTemplate": "/{everything}",
              "DownstreamScheme": "http",
              "DownstreamHostAndPorts": [ { "Host": "127.0.0.1", "Port": {{port}} } ]
            }
          ]
        }
        """;
}
