using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Samples.ForwardProxy;

/// <summary>
/// RFC 5861 stale-while-revalidate: the client gets the stale copy at once and
/// the cache asks the origin on its own, in the background, whether the copy is
/// still good; the next client gets the refreshed (or replaced) entry. One
/// revalidation runs per stored variant at a time, however many clients are
/// served stale meanwhile. The background request carries only what selects
/// the variant (the headers Vary names) and the validators: nothing else of
/// the client's, since no client is waiting for it.
/// </summary>
internal sealed partial class BackgroundRevalidation(
    CacheStore store,
    CacheOptions options,
    HttpMessageInvoker invoker,
    IOptions<ForwardProxyOptions> proxyOptions,
    TimeProvider time,
    ILogger<BackgroundRevalidation> logger)
{
    private readonly ConcurrentDictionary<string, bool> _running = new(StringComparer.Ordinal);

    /// <summary>Starts revalidating <paramref name="entry"/> unless that is already under way.</summary>
    public void Start(CacheEntry entry, IHeaderDictionary requestHeaders)
    {
        var key = entry.Uri + "\n" + entry.Vary.Values;
        if (!_running.TryAdd(key, true))
        {
            return;
        }

        // Read what the request needs now: the client's request is over before this runs.
        var request = new HttpRequestMessage(HttpMethod.Get, entry.Uri);
        var selecting = new HeaderDictionary();
        foreach (var name in entry.Vary.Names)
        {
            if (requestHeaders.TryGetValue(name, out var values))
            {
                selecting[name] = values;
                request.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }

        if (entry.ETag is { } etag)
        {
            request.Headers.TryAddWithoutValidation(HeaderNames.IfNoneMatch, etag);
        }

        if (entry.LastModified is { } lastModified)
        {
            request.Headers.TryAddWithoutValidation(HeaderNames.IfModifiedSince, lastModified);
        }

        Log.Started(logger, entry.Uri);
        _ = Task.Run(async () =>
        {
            try
            {
                await RevalidateAsync(entry, request, selecting);
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or IOException)
            {
                // The stale copy stays; the next request past its allowance goes to the origin itself.
                Log.Failed(logger, entry.Uri, ex.GetBaseException().Message);
            }
            finally
            {
                request.Dispose();
                _running.TryRemove(key, out _);
            }
        });
    }

    private async Task RevalidateAsync(CacheEntry entry, HttpRequestMessage request, HeaderDictionary selecting)
    {
        using var timeout = new CancellationTokenSource(proxyOptions.Value.UpstreamTimeout, time);
        var requestTime = time.GetUtcNow();
        using var response = await invoker.SendAsync(request, timeout.Token);
        var responseTime = time.GetUtcNow();
        var headers = new HeaderDictionary();
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            headers[name] = values.ToArray();
        }

        var status = (int)response.StatusCode;
        if (status == StatusCodes.Status304NotModified)
        {
            store.Store(entry.Refresh(headers, requestTime, responseTime));
            return;
        }

        var reason = CacheRules.WhyNotStorable(status, headers, requestHadAuthorization: false, responseTime, options.MaxHeuristicLifetime);
        if (reason is null)
        {
            // A body over Cache:MaxBodyBytes ends the buffering with an HttpRequestException: not kept.
            await response.Content.LoadIntoBufferAsync(options.MaxBodyBytes, timeout.Token);
            var body = await response.Content.ReadAsByteArrayAsync(timeout.Token);
            var vary = VaryKey.For(VaryKey.NamesFrom(headers), selecting);
            store.Store(new CacheEntry(entry.Uri, status, CacheRules.StorableHeaders(headers), body, vary, requestTime, responseTime, options.MaxHeuristicLifetime));
            return;
        }

        // The origin's new answer may not be kept: neither may the old one any longer.
        store.Invalidate(entry.Uri);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 5, Level = LogLevel.Debug, Message = "Cache: served {Uri} stale; revalidating it in the background")]
        public static partial void Started(ILogger logger, string uri);

        [LoggerMessage(EventId = 6, Level = LogLevel.Debug, Message = "Cache: background revalidation of {Uri} failed: {Reason}")]
        public static partial void Failed(ILogger logger, string uri, string reason);
    }
}
