using System.Net.WebSockets;

namespace Samples.Tests.Streaming;

/// <summary>
/// Every demo backend answers a path ending in /events with Server-Sent Events
/// and upgrades a WebSocket on a path ending in /echo, so that the docs'
/// <c>curl -N</c> and WebSocket commands work against each running sample.
/// Shown here through 02, as the docs' commands use it.
/// </summary>
[Trait("Concept", "Streaming")]
public sealed class DemoStreamsTests
{
    [Fact]
    public async Task DemoBackend_EventsThroughReverseProxy_ThreeEventsInOrderThenTheEnd()
    {
        // Arrange
        await using var catalog = await DemoBackend.StartAsync("catalog", 0, _ => { }, cancellationToken: Ct);
        await using var proxy = ProxyInFront.Start(ProxyInFront.ReverseProxy, catalog.Url);

        // Act
        using var response = await proxy.Client.OpenAsync(proxy.Address("events"));
        using var reader = await response.ReaderAsync();
        var events = new List<string?>();
        string? line;
        while ((line = await reader.NextEventAsync()) is not null)
        {
            events.Add(line);
        }

        // Assert
        response.Content.Headers.ContentType?.MediaType.Should().Be("text/event-stream");
        events.Should().Equal(
            "id: 1", "data: event 1 of 3 from catalog",
            "id: 2", "data: event 2 of 3 from catalog",
            "id: 3", "data: event 3 of 3 from catalog");
        catalog.LastSeen!.PathAndQuery.Should().Be("/catalog/events");
    }

    [Fact]
    public async Task DemoBackend_EchoThroughReverseProxy_MessageComesBack()
    {
        // Arrange
        await using var catalog = await DemoBackend.StartAsync("catalog", 0, _ => { }, cancellationToken: Ct);
        await using var proxy = ProxyInFront.Start(ProxyInFront.ReverseProxy, catalog.Url);
        using var client = new ClientWebSocket();
        var buffer = new byte[1024];

        // Act
        await client.ConnectAsync(new UriBuilder(proxy.Address("echo")) { Scheme = "ws" }.Uri, Ct);
        await client.SendAsync(Encoding.UTF8.GetBytes("ping"), WebSocketMessageType.Text, endOfMessage: true, Ct);
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        bounded.CancelAfter(StreamReading.Bound);
        var received = await client.ReceiveAsync(buffer, bounded.Token);
        await client.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", Ct);

        // Assert
        Encoding.UTF8.GetString(buffer, 0, received.Count).Should().Be("ping");
        client.CloseStatus.Should().Be(WebSocketCloseStatus.NormalClosure);
        catalog.LastSeen!.Header("Upgrade").Should().BeEquivalentTo("websocket");
    }
}
