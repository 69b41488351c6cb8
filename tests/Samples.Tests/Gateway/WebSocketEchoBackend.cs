using System.Net.WebSockets;

namespace Samples.Tests.Gateway;

/// <summary>
/// A WebSocket server on Kestrel at a free loopback port: GET /echo upgrades,
/// then every message comes back as it was sent (text or binary, whole), and
/// a close is answered with a close. It remembers the request headers of each upgrade.
/// </summary>
public sealed class WebSocketEchoBackend : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WebSocketEchoBackend(WebApplication app) => _app = app;

    public int Port => new Uri(_app.Urls.First()).Port;

    /// <summary>The request headers of each upgrade the backend accepted, in order.</summary>
    public List<IHeaderDictionary> Upgrades { get; } = [];

    /// <summary>Starts the echo on plain HTTP, or on TLS with <paramref name="certificate"/> (for wss).</summary>
    public static async Task<WebSocketEchoBackend> StartAsync(X509Certificate2? certificate = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0, listen =>
        {
            if (certificate is not null)
            {
                listen.UseHttps(certificate);
            }
        }));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var backend = new WebSocketEchoBackend(app);
        app.UseWebSockets();
        app.Map("/echo", async context =>
        {
            if (!context.WebSockets.IsWebSocketRequest)
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }

            lock (backend.Upgrades)
            {
                backend.Upgrades.Add(new HeaderDictionary(context.Request.Headers.ToDictionary(h => h.Key, h => h.Value)));
            }

            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            await EchoAsync(socket, context.RequestAborted);
        });
        await app.StartAsync(Ct);
        return backend;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private static async Task EchoAsync(WebSocket socket, CancellationToken cancellation)
    {
        var buffer = new byte[8192];
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
