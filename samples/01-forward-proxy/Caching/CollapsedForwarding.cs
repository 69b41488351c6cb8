namespace Samples.ForwardProxy;

/// <summary>
/// Request collapsing (nginx's proxy_cache_lock, Squid's collapsed_forwarding):
/// when a request misses while another request for the same URI is already
/// on its way to the origin, it waits for that fetch instead of sending its
/// own, then looks in the cache again. A popular page that expires costs the
/// origin one request, not one per waiting client. The wait is bounded by
/// Cache:CollapseTimeout; after it, a waiting request goes to the origin on
/// its own, so a slow origin never holds clients hostage for longer.
/// </summary>
internal sealed partial class CollapsedForwarding(CacheOptions options, TimeProvider time, ILogger<CollapsedForwarding> logger)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, TaskCompletionSource> _inFlight = new(StringComparer.Ordinal);

    /// <summary>
    /// Either makes this request the one that fetches <paramref name="uri"/> (Lead is set:
    /// dispose it when the fetch is over), or waits for the one already fetching it
    /// (Waited is true: look in the store again).
    /// </summary>
    public async Task<(IDisposable? Lead, bool Waited)> JoinAsync(string uri, CancellationToken cancellationToken)
    {
        if (options.CollapseTimeout <= TimeSpan.Zero)
        {
            return (null, false);
        }

        TaskCompletionSource? running;
        lock (_gate)
        {
            if (!_inFlight.TryGetValue(uri, out running))
            {
                var fetch = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _inFlight[uri] = fetch;
                return (new Lead(this, uri, fetch), false);
            }
        }

        Log.Waiting(logger, uri);
        try
        {
            await running.Task.WaitAsync(options.CollapseTimeout, time, cancellationToken);
        }
        catch (TimeoutException)
        {
            Log.GaveUp(logger, uri, options.CollapseTimeout);
        }

        return (null, true);
    }

    private void Finish(string uri, TaskCompletionSource fetch)
    {
        lock (_gate)
        {
            if (_inFlight.TryGetValue(uri, out var current) && current == fetch)
            {
                _inFlight.Remove(uri);
            }
        }

        fetch.TrySetResult();
    }

    private sealed class Lead(CollapsedForwarding owner, string uri, TaskCompletionSource fetch) : IDisposable
    {
        public void Dispose() => owner.Finish(uri, fetch);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3, Level = LogLevel.Debug, Message = "Cache: {Uri} is already being fetched; waiting for that answer")]
        public static partial void Waiting(ILogger logger, string uri);

        [LoggerMessage(EventId = 4, Level = LogLevel.Debug, Message = "Cache: the fetch of {Uri} took longer than Cache:CollapseTimeout ({Timeout}); going to the origin alone")]
        public static partial void GaveUp(ILogger logger, string uri, TimeSpan timeout);
    }
}
