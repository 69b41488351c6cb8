namespace Samples.OcelotGateway.Policies;

/// <summary>
/// What the policies need to know about one route: its rate limit, cache and
/// QoS settings, each null when the route does not use that policy.
/// </summary>
public sealed record RoutePolicies(string RouteId)
{
    public RateLimitRule? RateLimit { get; init; }

    public CacheRule? Cache { get; init; }

    public QosRule? Qos { get; init; }
}
