namespace Samples.Tests.ForwardProxy;

/// <summary>
/// A small Kestrel HTTPS origin on a free loopback port, with a certificate the
/// test made. It answers with the path it saw (paths under /cacheable/ as
/// public, max-age=60) and remembers each request's headers and peer address.
/// </summary>
public sealed class HttpsOrigin : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<IDisposable> _owned = [];

    private HttpsOrigin(WebApplication app, int port, ConcurrentQueue<SeenByOrigin> seen)
    {
        _app = app;
        Port = port;
        Seen = seen;
    }

    public int Port { get; }

    public ConcurrentQueue<SeenByOrigin> Seen { get; }

    public SeenByOrigin? LastSeen => Seen.LastOrDefault();

    /// <summary>The test CA that signed the origin's certificate (set by <see cref="StartWithTestCaAsync"/>).</summary>
    public X509Certificate2 Ca { get; private set; } = null!;

    /// <summary>
    /// An origin for localhost and 127.0.0.1 whose certificate a fresh test CA signed; a client that
    /// trusts <see cref="Ca"/> (and nothing else) accepts it. The CA and the leaf go with the origin.
    /// </summary>
    public static async Task<HttpsOrigin> StartWithTestCaAsync(CancellationToken cancellationToken)
    {
        var ca = TestCertificates.CreateCa();
        var leaf = TestCertificates.CreateLeaf(ca, ["localhost", "127.0.0.1"]);
        var origin = await StartAsync(leaf, cancellationToken);
        origin.Ca = ca;
        origin._owned.AddRange([leaf, ca]);
        return origin;
    }

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
        _owned.ForEach(o => o.Dispose());
    }
}
