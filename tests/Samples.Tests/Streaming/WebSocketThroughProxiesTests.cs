using System.Net.WebSockets;
using Samples.LoadBalancing;

namespace Samples.Tests.Streaming;

/// <summary>
/// An HTTP/1.1 <c>Upgrade: websocket</c> through 02, 03 and 05 reaches the
/// backend as an upgrade; after the 101 the proxy relays frames both ways
/// until either end closes, and the close handshake arrives whole. 03 picks a
/// destination once, at the upgrade: the socket stays there while the
/// rotation moves on.
/// </summary>
[Trait("Concept", "Streaming")]
public sealed class WebSocketThroughProxiesTests
{
    [Theory]
    [InlineData(ProxyInFront.ReverseProxy)]
    [InlineData(ProxyInFront.LoadBalancing)]
    [InlineData(ProxyInFront.Gateway)]
    public async Task WebSocket_ThroughSample_MessagesEchoBothWaysAndClientClosesCleanly(string sample)
    {
        // Arrange
        await using var echo = await WebSocketEchoBackend.StartAsync();
        await using var proxy = ProxyInFront.Start(sample, echo.Url);
        using var client = new ClientWebSocket();
        var binary = RandomNumberGenerator.GetBytes(1000);

        // Act
        await client.ConnectAsync(WebSocketAddress(proxy.Address("echo")), Ct);
        await client.SendAsync(Encoding.UTF8.GetBytes("hello, backend"), WebSocketMessageType.Text, endOfMessage: true, Ct);
        var text = await ReceiveMessageAsync(client);
        await client.SendAsync(binary, WebSocketMessageType.Binary, endOfMessage: true, Ct);
        var bytes = await ReceiveMessageAsync(client);
        await client.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", Ct);

        // Assert
        text.Type.Should().Be(WebSocketMessageType.Text);
        Encoding.UTF8.GetString(text.Body).Should().Be("hello, backend");
        bytes.Type.Should().Be(WebSocketMessageType.Binary);
        bytes.Body.Should().Equal(binary);
        echo.Upgrades.Should().ContainSingle("the proxy forwarded the upgrade itself, not a plain GET")
            .Which["Upgrade"].ToString().Should().BeEquivalentTo("websocket");
        client.State.Should().Be(WebSocketState.Closed);
        client.CloseStatus.Should().Be(WebSocketCloseStatus.NormalClosure, "the backend's answer to the client's close came back through the proxy");
        client.CloseStatusDescription.Should().Be("done");
    }

    [Theory]
    [InlineData(ProxyInFront.ReverseProxy)]
    [InlineData(ProxyInFront.LoadBalancing)]
    [InlineData(ProxyInFront.Gateway)]
    public async Task WebSocket_BackendClosesFirst_ClientGetsTheCloseWithItsReason(string sample)
    {
        // Arrange
        await using var echo = await WebSocketEchoBackend.StartAsync();
        await using var proxy = ProxyInFront.Start(sample, echo.Url);
        using var client = new ClientWebSocket();
        await client.ConnectAsync(WebSocketAddress(proxy.Address("echo")), Ct);

        // Act
        await client.SendAsync(Encoding.UTF8.GetBytes(WebSocketEchoBackend.CloseCommand), WebSocketMessageType.Text, endOfMessage: true, Ct);
        var received = await ReceiveMessageAsync(client);
        await client.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", Ct);

        // Assert
        received.Type.Should().Be(WebSocketMessageType.Close);
        client.CloseStatus.Should().Be(WebSocketCloseStatus.NormalClosure);
        client.CloseStatusDescription.Should().Be(WebSocketEchoBackend.ClosedByBackend, "the backend's close frame crossed the proxy as it was sent");
        client.State.Should().Be(WebSocketState.Closed);
    }

    [Fact]
    public async Task WebSocket_ThroughRoundRobin_StaysOnTheDestinationItStartedOn()
    {
        // Arrange: three echo backends as the round-robin cluster's alpha, beta and gamma.
        var echoes = new[] { await WebSocketEchoBackend.StartAsync(), await WebSocketEchoBackend.StartAsync(), await WebSocketEchoBackend.StartAsync() };
        try
        {
            var names = new[] { "alpha", "beta", "gamma" };
            await using var balancer = SampleHost<LoadBalancingApp>.Start(names
                .Select((name, i) => KeyValuePair.Create($"ReverseProxy:Clusters:round-robin:Destinations:{name}:Address", (string?)echoes[i].Url.ToString()))
                .ToDictionary());
            using var http = balancer.CreateClient();
            using var client = new ClientWebSocket();
            client.Options.CollectHttpResponseDetails = true;

            // Act: open the socket, let three plain requests move the rotation on, then talk on the socket.
            await client.ConnectAsync(WebSocketAddress(new Uri(balancer.BaseAddress, "round-robin/echo")), Ct);
            var upgradedOn = client.HttpResponseHeaders?["X-Destination"].Single();
            var rotation = new List<string?>();
            for (var i = 0; i < 3; i++)
            {
                using var plain = await http.GetAsync(new Uri("/round-robin/echo", UriKind.Relative), Ct);
                rotation.Add(plain.Headers.TryGetValues("X-Destination", out var who) ? who.Single() : null);
            }

            for (var i = 0; i < 5; i++)
            {
                await client.SendAsync(Encoding.UTF8.GetBytes($"message {i}"), WebSocketMessageType.Text, endOfMessage: true, Ct);
                Encoding.UTF8.GetString((await ReceiveMessageAsync(client)).Body).Should().Be($"message {i}");
            }

            await client.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", Ct);

            // Assert
            var chosen = Array.IndexOf(names, upgradedOn);
            chosen.Should().BeGreaterThanOrEqualTo(0, "the 101 names the destination that took the upgrade");
            rotation.Should().BeEquivalentTo(names, "the plain requests went round all three meanwhile");
            echoes.Select(e => e.Upgrades.Count).Should().Equal(names.Select((_, i) => i == chosen ? 1 : 0));
            echoes.Select(e => e.Messages).Should().Equal(names.Select((_, i) => i == chosen ? 5 : 0), "every message rode the one upgraded connection");
        }
        finally
        {
            foreach (var echo in echoes)
            {
                await echo.DisposeAsync();
            }
        }
    }

    private static Uri WebSocketAddress(Uri http) => new UriBuilder(http) { Scheme = "ws" }.Uri;

    // One whole message (or the close), however many frames it came in, bounded in time.
    private static async Task<(WebSocketMessageType Type, byte[] Body)> ReceiveMessageAsync(ClientWebSocket client)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        bounded.CancelAfter(StreamReading.Bound);
        using var message = new MemoryStream();
        var buffer = new byte[16 * 1024];
        while (true)
        {
            var received = await client.ReceiveAsync(buffer, bounded.Token);
            message.Write(buffer, 0, received.Count);
            if (received.EndOfMessage)
            {
                return (received.MessageType, message.ToArray());
            }
        }
    }
}
