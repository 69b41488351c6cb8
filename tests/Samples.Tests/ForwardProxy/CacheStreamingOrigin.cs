namespace Samples.Tests.ForwardProxy;

/// <summary>
/// An origin that sends a body in two halves and holds the second one back
/// until the test releases it: a client that receives the first half before
/// the release proves the proxy streams rather than buffering the whole body.
/// </summary>
public sealed class CacheStreamingOrigin : IAsyncDisposable
{
    private readonly WebApplication _app;
    private TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _requests;

    private CacheStreamingOrigin(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!;

    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Starts an origin whose answer at /stream is <paramref name="halfSize"/> 'a's then as many 'b's, cacheable for a minute.</summary>
    public static async Task<CacheStreamingOrigin> StartAsync(int halfSize, bool sendContentLength)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var origin = new CacheStreamingOrigin(app);
        app.MapGet("/stream", async (HttpContext context) =>
        {
            Interlocked.Increment(ref origin._requests);
            context.Response.Headers.CacheControl = "max-age=60";
            if (sendContentLength)
            {
                context.Response.ContentLength = 2L * halfSize;
            }

            await context.Response.Body.WriteAsync(Enumerable.Repeat((byte)'a', halfSize).ToArray(), context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await origin._release.Task.WaitAsync(TimeSpan.FromSeconds(20), context.RequestAborted);
            await context.Response.Body.WriteAsync(Enumerable.Repeat((byte)'b', halfSize).ToArray(), context.RequestAborted);
        });
        await app.StartAsync();
        origin.Url = new Uri(app.Urls.First());
        return origin;
    }

    /// <summary>Lets the held-back half go (and every later request's at once).</summary>
    public void Release() => _release.TrySetResult();

    public async ValueTask DisposeAsync()
    {
        _release.TrySetResult();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
