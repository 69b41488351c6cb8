using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Samples.Scaffolding;

/// <summary>
/// Two answers every demo backend gives on any path that ends in them, so that
/// each sample can show a stream and an upgrade passing through it: a path
/// ending in <c>/events</c> answers Server-Sent Events (three events, a second
/// apart), and a WebSocket request on a path ending in <c>/echo</c> is
/// upgraded and every message is sent back as it came.
/// </summary>
internal static class DemoStreams
{
    private const int Events = 3;

    public static void UseDemoStreams(this WebApplication app, string backend)
    {
        app.UseWebSockets();
        app.Use(async (context, next) =>
        {
            var path = context.Request.Path.Value ?? string.Empty;
            if (HttpMethods.IsGet(context.Request.Method) && path.EndsWith("/events", StringComparison.Ordinal))
            {
                await SendEventsAsync(context, backend);
            }
            else if (context.WebSockets.IsWebSocketRequest && path.EndsWith("/echo", StringComparison.Ordinal))
            {
                using var socket = await context.WebSockets.AcceptWebSocketAsync();
                await EchoAsync(socket, context.RequestAborted);
            }
            else
            {
                await next(context);
            }
        });
    }

    // Each event is flushed as it is written: a proxy that passes it on at once shows it a second before the next.
    private static async Task SendEventsAsync(HttpContext context, string backend)
    {
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        for (var i = 1; i <= Events; i++)
        {
            var number = i.ToString(CultureInfo.InvariantCulture);
            await context.Response.WriteAsync($"id: {number}\ndata: event {number} of {Events} from {backend}\n\n", context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            if (i < Events)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), context.RequestAborted);
            }
        }
    }

    private static async Task EchoAsync(WebSocket socket, CancellationToken cancellation)
    {
        var buffer = new byte[4096];
        while (true)
        {
            var received = await socket.ReceiveAsync(buffer, cancellation);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, socket.CloseStatusDescription, cancellation);
                return;
            }

            await socket.SendAsync(buffer.AsMemory(0, received.Count), received.MessageType, received.EndOfMessage, cancellation);
        }
    }
}
