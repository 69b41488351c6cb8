namespace Samples.LoadBalancing.Settings;

/// <summary>
/// The sample's own switches (section "LoadBalancing"). Everything about
/// routes, clusters, policies and health checks stays in YARP's "ReverseProxy"
/// section; these cover only what YARP does not do by itself.
/// </summary>
public sealed class LoadBalancingOptions
{
    public const string Section = "LoadBalancing";

    /// <summary>The largest body <see cref="MaxRetryBodyBytes"/> may allow: a retry keeps the body in memory.</summary>
    public const long MaxRetryBodyBytesLimit = 100L * 1024 * 1024;

    /// <summary>Retry an idempotent request once on another destination when the first one fails before answering.</summary>
    public bool RetryIdempotentRequests { get; set; } = true;

    /// <summary>Add X-Destination (the id of the destination that answered) to every proxied response.</summary>
    public bool ExposeDestination { get; set; } = true;

    /// <summary>
    /// The largest request body the proxy keeps in memory so that it can send
    /// it a second time; a bigger (or unsized) body is forwarded without a retry.
    /// </summary>
    public long MaxRetryBodyBytes { get; set; } = 1024 * 1024;
}
