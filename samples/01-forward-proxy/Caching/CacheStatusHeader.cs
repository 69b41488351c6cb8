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

    /// <summary>Served from the cache, the origin was not asked.</summary>
    public const string Hit = CacheName + "; hit";

    /// <summary>Nothing stored matched the request.</summary>
    public const string UriMiss = CacheName + "; fwd=uri-miss";

    /// <summary>The client's own directives (no-cache, no-store, a Range) made the cache go to the origin.</summary>
    public const string Request = CacheName + "; fwd=request";

    /// <summary>A method whose answers the cache never keeps (anything but GET and HEAD).</summary>
    public const string Method = CacheName + "; fwd=method";

    /// <summary>The cache is switched off (ForwardProxy:Cache:Enabled=false).</summary>
    public const string Bypass = CacheName + "; fwd=bypass";

    /// <summary>A stored response was found but was stale; fwd-status says what the origin answered.</summary>
    public static string Stale(int originStatus) => $"{CacheName}; fwd=stale; fwd-status={originStatus}";

    /// <summary>The response was kept for later requests.</summary>
    public static string Stored(string member) => member + "; stored";
}
