using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Samples.Tests.ForwardProxy;

/// <summary>
/// A small Kestrel HTTPS origin on a free loopback port, with a certificate the
/// test made. It answers with the path it saw (paths under /cacheable/ as
/// public, max-age=60) and remembers each request's headers and peer address.
/// </summary>
public sealed class HttpsOrigin : IAsyncDisposable
{
    private readonly WebApplication _app;

    private HttpsOrigin(WebApplication app, int port, ConcurrentQueue<SeenByOrigin> seen)
    {
        _app = app;
        Port = port;
        Seen = seen;
    }

    public int Port { get; }

    public ConcurrentQueue<SeenByOrigin> Seen { get; }

    public SeenByOrigin? LastSeen => Seen.LastOrDefault();

    public static async Task<HttpsOrigin> StartAsync(X509Certificate2 certificate, CancellationToken cancellationToken)
    {
        var seen = new ConcurrentQueue<SeenByOrigin>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.UseHttps(certificate)));
        var app = builder.Build();
        app.Run(context =>
        {
            seen.Enqueue(new SeenByOrigin(
                context.Request.Path,
                context.Connection.RemoteIpAddress?.ToString() ?? "?",
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase)));
            if (context.Request.Path.StartsWithSegments("/cacheable"))
            {
                context.Response.Headers.CacheControl = "public, max-age=60";
            }

            return context.Response.WriteAsync($"https origin saw {context.Request.Path}", context.RequestAborted);
        });
        await app.StartAsync(cancellationToken);
        return new HttpsOrigin(app, new Uri(app.Urls.First()).Port, seen);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
