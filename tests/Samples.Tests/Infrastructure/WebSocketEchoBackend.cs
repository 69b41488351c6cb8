using System.Net.WebSockets;

namespace Samples.Tests.Infrastructure;

/// <summary>
/// A WebSocket server on Kestrel at a free loopback port: a WebSocket request
/// on any path upgrades (anything else is answered 400), then every message
/// comes back as it was sent (text or binary, whole), and a close is answered
/// with a close. The text message <see cref="CloseCommand"/> makes the backend
/// close first instead, so tests can close from either end. It remembers the
/// request headers of each upgrade and counts the messages it echoed.
/// <c>GET /health</c> answers 200, for a balancer's active health checks.
/// </summary>
public sealed class WebSocketEchoBackend : IAsyncDisposable
{
    /// <summary>Sent as a text message, it makes the backend start the closing handshake.</summary>
    public const string CloseCommand = "close, please";

    /// <summary>The close description the backend sends when it closes first.</summary>
    public const string ClosedByBackend = "closed by the backend";

    private readonly WebApplication _app;
    private int _messages;

    private WebSocketEchoBackend(WebApplication app) => _app = app;

    public int Port => new Uri(_app.Urls.First()).Port;

    public Uri Url => new($"http://127.0.0.1:{Port}/");

    /// <summary>The request headers of each upgrade the backend accepted, in order.</summary>
    public List<IHeaderDictionary> Upgrades { get; } = [];

    /// <summary>Messages echoed so far, on every connection.</summary>
    public int Messages => Volatile.Read(ref _messages);

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
        app.MapGet("/health", () => "healthy");
        app.Map("/{**path}", async context =>
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
            await backend.EchoAsync(socket, context.RequestAborted);
        });
        await app.StartAsync(Ct);
        return backend;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task EchoAsync(WebSocket socket, CancellationToken cancellation)
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

            if (received is { MessageType: WebSocketMessageType.Text, EndOfMessage: true }
                && Encoding.UTF8.GetString(buffer, 0, received.Count) == CloseCommand)
            {
                await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, ClosedByBackend, cancellation);
                return;
            }

            await socket.SendAsync(buffer.AsMemory(0, received.Count), received.MessageType, received.EndOfMessage, cancellation);
            if (received.EndOfMessage)
            {
                Interlocked.Increment(ref _messages);
            }
        }
    }
}
