using System.Net.WebSockets;
using Yarp.ReverseProxy.Forwarder;

namespace Samples.Tests.Gateway;

/// <summary>
/// Ocelot's "ws" DownstreamScheme: the client's HTTP/1.1 Upgrade: websocket
/// goes through the gateway to the downstream, and messages then flow both
/// ways through it (OcelotFiles/websocket.json).
/// </summary>
[Trait("Concept", "Gateway")]
public sealed class GatewayWebSocketTests
{
    [Fact]
    public async Task WsRoute_ClientWebSocket_MessagesEchoedThroughTheGateway()
    {
        // Arrange
        await using var echo = await WebSocketEchoBackend.StartAsync();
        await using var gateway = GatewayUnderTest.Start(OcelotFiles.Read("websocket.json", echo.Port));
        using var client = new ClientWebSocket();
        var chat = new UriBuilder(gateway.BaseAddress) { Scheme = "ws", Path = "/chat" }.Uri;

        // Act
        await client.ConnectAsync(chat, Ct);
        await client.SendAsync(Encoding.UTF8.GetBytes("hello, gateway"), WebSocketMessageType.Text, endOfMessage: true, Ct);
        var (type, answer) = await ReceiveMessageAsync(client);

        // Assert
        type.Should().Be(WebSocketMessageType.Text);
        Encoding.UTF8.GetString(answer).Should().Be("hello, gateway");
        echo.Upgrades.Should().ContainSingle().Which["Upgrade"].ToString().Should().BeEquivalentTo("websocket");
        await client.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", Ct);
        client.CloseStatus.Should().Be(WebSocketCloseStatus.NormalClosure);
    }

    [Fact]
    public async Task WsRoute_MessageLargerThanEveryBuffer_ArrivesWhole()
    {
        // Arrange: 200 KiB, more than the route's BufferSize, YARP's buffers and the echo's.
        await using var echo = await WebSocketEchoBackend.StartAsync();
        await using var gateway = GatewayUnderTest.Start(OcelotFiles.Read("websocket.json", echo.Port));
        using var client = new ClientWebSocket();
        await client.ConnectAsync(new UriBuilder(gateway.BaseAddress) { Scheme = "ws", Path = "/chat" }.Uri, Ct);
        var payload = RandomNumberGenerator.GetBytes(200 * 1024);

        // Act
        await client.SendAsync(payload, WebSocketMessageType.Binary, endOfMessage: true, Ct);
        var (type, answer) = await ReceiveMessageAsync(client);

        // Assert
        type.Should().Be(WebSocketMessageType.Binary);
        answer.Should().Equal(payload);
    }

    [Fact]
    public async Task WssRoute_DownstreamOnTls_UpgradeGoesOverHttpsAndEchoes()
    {
        // Arrange: a TLS echo whose certificate a test CA signs, and the gateway's forwarder trusting that CA (never "accept any").
        using var ca = TestCertificates.CreateCa();
        using var leaf = TestCertificates.CreateLeaf(ca, ["127.0.0.1"]);
        await using var echo = await WebSocketEchoBackend.StartAsync(leaf);
        var file = OcelotFiles.Read("websocket.json", echo.Port)
            .Replace("\"ws\"", "\"wss\"", StringComparison.Ordinal)
            .Replace("\"DangerousAcceptAnyServerCertificateValidator\": true", "\"DangerousAcceptAnyServerCertificateValidator\": false", StringComparison.Ordinal);
        await using var gateway = GatewayUnderTest.Start(file, services: s => s.AddSingleton<IForwarderHttpClientFactory>(sp => new TestCaForwarderHttpClientFactory(ca)));
        using var client = new ClientWebSocket();

        // Act
        await client.ConnectAsync(new UriBuilder(gateway.BaseAddress) { Scheme = "ws", Path = "/chat" }.Uri, Ct);
        await client.SendAsync(Encoding.UTF8.GetBytes("over TLS"), WebSocketMessageType.Text, endOfMessage: true, Ct);
        var (_, answer) = await ReceiveMessageAsync(client);

        // Assert
        Encoding.UTF8.GetString(answer).Should().Be("over TLS");
        echo.Upgrades.Should().ContainSingle();
    }

    [Fact]
    public async Task WsRoute_PlainGetWithoutUpgrade_ForwardedAsHttp()
    {
        // Arrange
        await using var echo = await WebSocketEchoBackend.StartAsync();
        await using var gateway = GatewayUnderTest.Start(OcelotFiles.Read("websocket.json", echo.Port));
        using var client = gateway.CreateClient();

        // Act: the echo answers 400 to anything that is not an upgrade.
        var response = await client.GetAsync(new Uri("/chat", UriKind.Relative), Ct);

        // Assert
        ((int)response.StatusCode).Should().Be(400);
        echo.Upgrades.Should().BeEmpty();
    }

    // One whole message, however many frames it came in.
    private static async Task<(WebSocketMessageType Type, byte[] Body)> ReceiveMessageAsync(ClientWebSocket client)
    {
        using var message = new MemoryStream();
        var buffer = new byte[16 * 1024];
        while (true)
        {
            var received = await client.ReceiveAsync(buffer, Ct);
            message.Write(buffer, 0, received.Count);
            if (received.EndOfMessage)
            {
                return (received.MessageType, message.ToArray());
            }
        }
    }
}
