using Samples.OcelotGateway.RateLimiterPolicies;

namespace Samples.OcelotGateway.Policies;

/// <summary>
/// What the policies need to know about one route: its rate limit (Ocelot's
/// own or an ASP.NET Core policy), cache and QoS settings, each null when the route does not use that policy.
/// </summary>
public sealed record RoutePolicies(string RouteId)
{
    public RateLimitRule? RateLimit { get; init; }

    /// <summary>"RateLimitMiddlewareType": "DotNet": the ASP.NET Core policy that limits the route instead of <see cref="RateLimit"/>.</summary>
    public PolicyRateLimit? PolicyRateLimit { get; init; }

    public CacheRule? Cache { get; init; }

    public QosRule? Qos { get; init; }
}
