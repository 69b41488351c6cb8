namespace Samples.OcelotGateway.Configuration;

/// <summary>Ocelot's load balancer names.</summary>
public enum OcelotLoadBalancerType
{
    NoLoadBalancer,
    RoundRobin,
    LeastConnection,
    CookieStickySessions,
}

/// <summary>"LoadBalancerOptions": the type, and for CookieStickySessions the cookie name and how long a session lasts.</summary>
public sealed record OcelotLoadBalancerOptions
{
    public OcelotLoadBalancerType Type { get; init; } = OcelotLoadBalancerType.NoLoadBalancer;

    /// <summary>The application's cookie whose value pins a client to one downstream (CookieStickySessions).</summary>
    public string? Key { get; init; }

    /// <summary>How long a pin lasts after its last use (Ocelot gives it in milliseconds).</summary>
    public TimeSpan Expiry { get; init; }
}
