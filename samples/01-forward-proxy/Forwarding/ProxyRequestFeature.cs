namespace Samples.ForwardProxy;

/// <summary>
/// What the proxy knows about one request it is handling for a client: the
/// absolute URI it was asked for (http:// for plain requests, https:// for
/// requests read inside an inspected tunnel), and what each step decided.
/// The first step sets it; the filter, the cache and the access log read and
/// fill it in.
/// </summary>
public sealed class ProxyRequestFeature(Uri target)
{
    /// <summary>The absolute URI the client asked the proxy to fetch.</summary>
    public Uri Target { get; } = target;

    /// <summary>True when the request came out of a decrypted (inspected) CONNECT tunnel.</summary>
    public bool Inspected { get; init; }

    /// <summary>The RFC 9211 Cache-Status value the cache chose (null until the cache has run).</summary>
    public string? CacheStatus { get; set; }

    /// <summary>The filter rule that matched, or null when the request was allowed.</summary>
    public string? FilterRule { get; set; }

    /// <summary>"direct" or "via parent host:port" once the forwarder has chosen (Upstream/); null when nothing was fetched.</summary>
    public string? Route { get; set; }
}
