using Microsoft.AspNetCore.OutputCaching;

namespace Samples.ReverseProxy;

/// <summary>
/// One request's dealings with the cache, kept as a request feature so that the
/// route's policy (before and after the backend), the backend-answer transform
/// and the Cache-Status writer all see the same facts.
/// </summary>
public sealed class CacheExchange(OutputCacheContext cache, RouteCachePolicy policy, string route, HashSet<string> keyHeaders)
{
    public OutputCacheContext Cache { get; } = cache;

    public RouteCachePolicy Policy { get; } = policy;

    /// <summary>The YARP route the request matched: Vary is learned per route.</summary>
    public string Route { get; } = route;

    /// <summary>The request headers the cache key holds (the operator's VaryByHeader and the learned Vary).</summary>
    public HashSet<string> KeyHeaders { get; } = keyHeaders;

    /// <summary>"method" or "bypass" when the cache left the request alone; null when it looked it up.</summary>
    public string? Forward { get; set; }

    /// <summary>Why the answer was not stored (an RFC 9211 detail token).</summary>
    public string? Detail { get; set; }

    /// <summary>The cache found a stored entry for the request.</summary>
    public bool FoundInCache { get; set; }
}
