using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Net.Http.Headers;
using Yarp.ReverseProxy.Model;

namespace Samples.ReverseProxy;

/// <summary>
/// Adds an RFC 9211 <c>Cache-Status</c> header to every response of a cached
/// route, telling the truth about where the response came from.
/// </summary>
/// <remarks>
/// ASP.NET Core's output cache writes no such header, and it answers a hit
/// without running the rest of the pipeline, so a middleware further in never
/// sees hits. This policy rides along inside the cache instead. A response is
/// a hit when both hold: the cache found a stored entry for the request (it
/// calls this policy back before serving one), and the proxy itself never ran
/// for the request (YARP puts its feature on every request it forwards). The
/// header is written in the response's "on starting" callback, after the cache
/// has copied a stored entry's headers and after the backend has answered, so
/// a stored "miss" value can never leak into a hit, and the decision to store a
/// miss is taken in the same place the header says so.
/// </remarks>
public sealed class CacheStatusPolicy : IOutputCachePolicy
{
    public const string HeaderName = "Cache-Status";

    /// <summary>The cache's name in the header (RFC 9211 §2: the first member names the cache).</summary>
    public const string CacheName = "ReverseProxy";

    private const string EventStreamType = "text/event-stream";

    private static readonly object FoundInCache = new();

    ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var http = context.HttpContext;

        // An event stream never ends: nothing whole to store, and a second subscriber must not wait
        // behind the first for the cache's lock. Asked for by Accept (as every EventSource does): no cache at all.
        if (AsksForEventStream(http.Request))
        {
            context.EnableOutputCaching = false;
        }

        http.Response.OnStarting(() =>
        {
            http.Response.Headers[HeaderName] = Describe(context);
            return Task.CompletedTask;
        });
        return ValueTask.CompletedTask;
    }

    ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        context.HttpContext.Items[FoundInCache] = true;
        return ValueTask.CompletedTask;
    }

    ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    private static string Describe(OutputCacheContext context)
    {
        var http = context.HttpContext;

        // A stored entry was found and the request never reached the proxy (so never a backend): a hit.
        if (http.Items.ContainsKey(FoundInCache) && http.Features.Get<IReverseProxyFeature>() is null)
        {
            return $"{CacheName}; hit";
        }

        if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method))
        {
            return $"{CacheName}; fwd=method";
        }

        // Asked for as a stream, or answered as one: never stored, each event passed on as it comes.
        if (AsksForEventStream(http.Request) || IsEventStream(http.Response.ContentType))
        {
            context.AllowCacheStorage = false;
            return $"{CacheName}; fwd=bypass; detail=event-stream";
        }

        // The default policy refuses lookups for requests with credentials: they went to the backend untouched.
        if (!context.AllowCacheLookup)
        {
            return $"{CacheName}; fwd=bypass";
        }

        // Same rules as the default policy applies after the response: only a 200 without cookies is kept.
        // Deciding here, and telling the cache, keeps the header and the store in agreement.
        var storable = context.AllowCacheStorage
            && http.Response.StatusCode == StatusCodes.Status200OK
            && !http.Response.Headers.ContainsKey(HeaderNames.SetCookie);
        if (storable)
        {
            return $"{CacheName}; fwd=uri-miss; stored";
        }

        // Not stored; when the backend's own headers kept it out (BackendCacheRules), say which.
        context.AllowCacheStorage = false;
        return BackendCacheRules.RefusalFor(http) is { } refusal ? $"{CacheName}; fwd=uri-miss; detail={refusal}" : $"{CacheName}; fwd=uri-miss";
    }

    private static bool AsksForEventStream(HttpRequest request) =>
        request.Headers.Accept.Any(v => v?.Contains(EventStreamType, StringComparison.OrdinalIgnoreCase) == true);

    private static bool IsEventStream(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var type) && type.MediaType.Equals(EventStreamType, StringComparison.OrdinalIgnoreCase);
}
