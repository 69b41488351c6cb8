using System.Net.WebSockets;

namespace Samples.Tests.Streaming;

/// <summary>
/// An upgrade the backend does not take (a protocol it does not speak) is
/// answered as the plain request it then is: the client gets the backend's
/// refusal, never a half-switched connection, and the sample goes on serving
/// WebSockets to others.
/// </summary>
[Trait("Concept", "Streaming")]
public sealed class UpgradeRefusalTests
{
    [Theory]
    [InlineData(ProxyInFront.ReverseProxy)]
    [InlineData(ProxyInFront.LoadBalancing)]
    [InlineData(ProxyInFront.Gateway)]
    public async Task UpgradeToUnknownProtocol_ThroughSample_BackendsRefusalThenWebSocketsStillWork(string sample)
    {
        // Arrange
        await using var echo = await WebSocketEchoBackend.StartAsync();
        await using var proxy = ProxyInFront.Start(sample, echo.Url);
        var path = proxy.Address("echo").PathAndQuery;

        // Act
        var refused = await RawHttp.SendAsync(
            proxy.Proxy,
            $"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: no-such-protocol/1\r\nContent-Length: 0\r\n\r\n",
            Ct);
        using var client = new ClientWebSocket();
        await client.ConnectAsync(new UriBuilder(proxy.Address("echo")) { Scheme = "ws" }.Uri, Ct);
        await client.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", Ct);

        // Assert
        refused.Status.Should().Be(400, "the echo answers 400 to anything that is not a WebSocket request, and the proxy passed that on");
        echo.Upgrades.Should().ContainSingle("only the real WebSocket was upgraded");
        client.CloseStatus.Should().Be(WebSocketCloseStatus.NormalClosure);
    }
}
