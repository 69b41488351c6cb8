using System.Globalization;

namespace Samples.ForwardProxy;

/// <summary>
/// RFC 9211 Cache-Status: each cache on the way appends one member naming
/// itself and what it did, so a client (or a learner with curl -D -) can see
/// whether the answer came from the cache or the origin, and why.
/// </summary>
internal static class CacheStatusHeader
{
    public const string Name = "Cache-Status";

    /// <summary>The name this cache gives itself in the header.</summary>
    public const string CacheName = "ForwardProxy";

    /// <summary>Nothing stored matched the request.</summary>
    public const string UriMiss = "uri-miss";

    /// <summary>A stored response was found, but it was stale.</summary>
    public const string Stale = "stale";

    /// <summary>The client's own directives (no-cache, no-store, max-age, min-fresh) made the cache go to the origin.</summary>
    public const string Request = "request";

    /// <summary>A method whose answers the cache never keeps (anything but GET and HEAD).</summary>
    public const string Method = CacheName + "; fwd=method";

    /// <summary>
    /// The cache did not handle this request: it is switched off
    /// (ForwardProxy:Cache:Enabled=false), or the proxy answered before the cache
    /// was reached (its own 400, 403, 404, 407, 508).
    /// </summary>
    public const string Bypass = CacheName + "; fwd=bypass";

    /// <summary>
    /// An event stream (Server-Sent Events): asked for with Accept, or answered with
    /// its Content-Type. It never ends, so there is never a whole answer to keep,
    /// and no other request may wait for it: the cache steps aside.
    /// </summary>
    public const string EventStream = Bypass + "; detail=event-stream";

    /// <summary>The client said only-if-cached and nothing stored would do: the proxy answered 504 without asking the origin.</summary>
    public const string OnlyIfCachedMiss = CacheName + "; detail=only-if-cached";

    /// <summary>Served from the cache, the origin was not asked; ttl is the freshness left, in seconds (negative when served stale).</summary>
    public static string Hit(long ttl) => $"{CacheName}; hit; ttl={ttl.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Served stale from the cache while one background request revalidates it (RFC 5861).</summary>
    public static string HitWhileRevalidating(long ttl) => Hit(ttl) + "; detail=stale-while-revalidate";

    /// <summary>Went to the origin, for <paramref name="reason"/>; fwd-status says what it answered when an entry was in hand.</summary>
    public static string Forward(string reason, int? originStatus = null) =>
        originStatus is { } status ? $"{CacheName}; fwd={reason}; fwd-status={status.ToString(CultureInfo.InvariantCulture)}" : $"{CacheName}; fwd={reason}";

    /// <summary>The origin failed and the stale stored response was served in its place (stale-if-error, RFC 5861).</summary>
    public static string StaleOnError(int originStatus, long ttl) =>
        $"{Forward(Stale, originStatus)}; ttl={ttl.ToString(CultureInfo.InvariantCulture)}; detail=stale-if-error";

    /// <summary>The response was kept for later requests.</summary>
    public static string Stored(string member) => member + "; stored";

    /// <summary>This request waited for another one's fetch of the same URI and was answered from it (request collapsing).</summary>
    public static string Collapsed(string member) => member + "; collapsed";
}
