namespace Samples.Tests.Streaming;

/// <summary>
/// A backend on Kestrel at a free loopback port that answers in two parts and
/// holds the second back until the test calls <see cref="Release"/>: a client
/// that reads the first part through a proxy before the release proves the
/// proxy passed it on instead of waiting for the whole answer. Every path
/// answers a Server-Sent Events stream (<c>text/event-stream</c>, events "1"
/// and "2"), except paths ending in <c>/chunks</c>, which answer a chunked
/// <c>text/plain</c> body of two lines; <c>GET /health</c> answers 200 at once
/// (for active health checks). With <c>cacheable</c> the answers say
/// <c>Cache-Control: public, max-age=60</c>, the worst case for a cache in front.
/// </summary>
public sealed class EventStreamBackend : IAsyncDisposable
{
    public const string FirstEvent = "data: 1";
    public const string SecondEvent = "data: 2";
    public const string FirstChunk = "chunk 1";
    public const string SecondChunk = "chunk 2";

    private readonly WebApplication _app;
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentQueue<string> _paths = new();

    private EventStreamBackend(WebApplication app) => _app = app;

    public Uri Url => new(_app.Urls.First() + "/");

    public int Port => Url.Port;

    /// <summary>The paths of the streams the backend was asked for (health probes left out), in order.</summary>
    public IReadOnlyCollection<string> Streams => _paths;

    public static async Task<EventStreamBackend> StartAsync(bool cacheable = false)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var backend = new EventStreamBackend(app);
        app.MapGet("/health", () => "healthy");
        app.MapGet("/{**path}", async (HttpContext context) =>
        {
            var path = context.Request.Path.Value ?? "/";
            backend._paths.Enqueue(path);
            var response = context.Response;
            response.Headers.CacheControl = cacheable ? "public, max-age=60" : "no-cache";
            var chunked = path.EndsWith("/chunks", StringComparison.Ordinal);
            response.ContentType = chunked ? "text/plain" : "text/event-stream";
            var (first, second) = chunked ? (FirstChunk + "\n", SecondChunk + "\n") : (FirstEvent + "\n\n", SecondEvent + "\n\n");

            await response.WriteAsync(first, context.RequestAborted);
            await response.Body.FlushAsync(context.RequestAborted);

            // Bounded, so that a proxy that buffers fails the test's read instead of hanging the backend.
            await backend._release.Task.WaitAsync(TimeSpan.FromSeconds(30), context.RequestAborted);
            await response.WriteAsync(second, context.RequestAborted);
        });
        await app.StartAsync(Ct);
        return backend;
    }

    /// <summary>Lets the held-back second part go (for this stream and every later one).</summary>
    public void Release() => _release.TrySetResult();

    public async ValueTask DisposeAsync()
    {
        _release.TrySetResult();
        await _app.DisposeAsync();
    }
}
