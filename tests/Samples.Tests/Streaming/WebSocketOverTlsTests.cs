using System.Net.WebSockets;
using Samples.Tests.SslTermination;

namespace Samples.Tests.Streaming;

/// <summary>
/// A WebSocket through 04, which ends TLS: over HTTP/1.1 (an Upgrade inside
/// TLS) and over HTTP/2 (RFC 8441's extended CONNECT on the h2 listener). Either
/// way the plain-HTTP backend sees an ordinary HTTP/1.1 upgrade, and messages
/// flow both ways until the client closes.
/// </summary>
[Trait("Concept", "Streaming")]
public sealed class WebSocketOverTlsTests
{
    [Theory]
    [InlineData("1.1", HttpStatusCode.SwitchingProtocols)]
    [InlineData("2.0", HttpStatusCode.OK)]
    public async Task WebSocket_ThroughTlsTermination_EchoesAndTheBackendSeesAPlainUpgrade(string version, HttpStatusCode handshake)
    {
        // Arrange
        await using var echo = await WebSocketEchoBackend.StartAsync();
        await using var host = TlsSample.Start(echo.Url);
        var pinned = TlsSample.Fingerprint(TlsSample.Served(host).Current);
        using var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is not null && TlsSample.Fingerprint(certificate) == pinned },
        };
        using var invoker = new HttpMessageInvoker(handler);
        using var client = new ClientWebSocket();
        client.Options.HttpVersion = Version.Parse(version);
        client.Options.HttpVersionPolicy = HttpVersionPolicy.RequestVersionExact;
        client.Options.CollectHttpResponseDetails = true;
        var address = new UriBuilder(host.AddressFor("https")) { Scheme = "wss", Path = "/echo" }.Uri;

        // Act
        await client.ConnectAsync(address, invoker, Ct);
        await client.SendAsync(Encoding.UTF8.GetBytes("over " + version), WebSocketMessageType.Text, endOfMessage: true, Ct);
        var answer = await ReceiveTextAsync(client);
        await client.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", Ct);

        // Assert
        client.HttpStatusCode.Should().Be(handshake, version == "2.0" ? "RFC 8441: an extended CONNECT is answered 200" : "an HTTP/1.1 upgrade is answered 101");
        answer.Should().Be("over " + version);
        echo.Upgrades.Should().ContainSingle("the backend got one upgrade, whatever the client's HTTP version")
            .Which["Upgrade"].ToString().Should().BeEquivalentTo("websocket");
        client.CloseStatus.Should().Be(WebSocketCloseStatus.NormalClosure);
    }

    private static async Task<string> ReceiveTextAsync(ClientWebSocket client)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        bounded.CancelAfter(StreamReading.Bound);
        var buffer = new byte[4096];
        using var message = new MemoryStream();
        while (true)
        {
            var received = await client.ReceiveAsync(buffer, bounded.Token);
            message.Write(buffer, 0, received.Count);
            if (received.EndOfMessage)
            {
                return Encoding.UTF8.GetString(message.ToArray());
            }
        }
    }
}
