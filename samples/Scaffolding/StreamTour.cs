using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;

namespace Samples.Scaffolding;

/// <summary>
/// Two tour steps every proxying sample shows the same way, against the demo
/// backends' streams (DemoStreams): Server-Sent Events read as they arrive,
/// and one WebSocket exchange.
/// </summary>
public static class StreamTour
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);

    /// <summary>Reads the three events at <paramref name="events"/> through <paramref name="client"/>, printing when each arrived.</summary>
    public static async Task EventStreamAsync(this Tour tour, HttpClient client, Uri events)
    {
        tour.Step(
            "A stream: Server-Sent Events pass through event by event",
            "The backend sends three events a second apart; the proxy passes each on when it comes (try curl -N).");
        using var bounded = new CancellationTokenSource(Bound);
        var arrivals = new List<TimeSpan>();
        try
        {
            var clock = Stopwatch.StartNew();
            using var request = new HttpRequestMessage(HttpMethod.Get, events);
            request.Headers.Accept.ParseAdd("text/event-stream");
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, bounded.Token);
            tour.Client(response, "Content-Type", "Cache-Status");
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(bounded.Token), Encoding.UTF8);
            while (await reader.ReadLineAsync(bounded.Token) is { } line)
            {
                if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    arrivals.Add(clock.Elapsed);
                    tour.Note($"after {clock.Elapsed.TotalSeconds:0.0} s: {line}");
                }
            }
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
        {
            tour.Note($"the stream broke off: {e.Message}");
        }

        // Buffered, all three would arrive together at the end; passed on, the last comes two seconds after the first.
        tour.Check(arrivals.Count == 3 && arrivals[2] - arrivals[0] >= TimeSpan.FromSeconds(1), "three events, arriving one by one (not all at the end)");
    }

    /// <summary>Opens a WebSocket at <paramref name="echo"/> (an http:// address), sends one message and closes.</summary>
    public static async Task WebSocketEchoAsync(this Tour tour, Uri echo)
    {
        tour.Step(
            "A WebSocket: one upgrade, then messages both ways",
            "The client asks for Upgrade: websocket; after the backend's 101 the proxy only copies frames, both ways, until a close.");
        const string Sent = "hello through the proxy";
        using var bounded = new CancellationTokenSource(Bound);
        using var socket = new ClientWebSocket();
        string? echoed = null;
        try
        {
            await socket.ConnectAsync(new UriBuilder(echo) { Scheme = echo.Scheme == "https" ? "wss" : "ws" }.Uri, bounded.Token);
            await socket.SendAsync(Encoding.UTF8.GetBytes(Sent), WebSocketMessageType.Text, endOfMessage: true, bounded.Token);
            var buffer = new byte[1024];
            var received = await socket.ReceiveAsync(buffer, bounded.Token);
            echoed = Encoding.UTF8.GetString(buffer, 0, received.Count);
            await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "tour done", bounded.Token);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
        {
            tour.Note($"the WebSocket failed: {e.Message}");
        }

        tour.Note($"sent \"{Sent}\", received \"{echoed}\", close: {socket.CloseStatus?.ToString() ?? "none"}");
        tour.Check(echoed == Sent && socket.CloseStatus == WebSocketCloseStatus.NormalClosure, "the message came back through the proxy, and both ends closed cleanly");
    }
}
