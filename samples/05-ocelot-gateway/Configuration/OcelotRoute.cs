namespace Samples.OcelotGateway.Configuration;

/// <summary>One entry of "Routes": how an upstream request is matched and where it goes.</summary>
public sealed record OcelotRoute
{
    /// <summary>Position in the file's Routes array (Ocelot's tie-breaker between equal priorities).</summary>
    public int Index { get; init; }

    /// <summary>The JSON path of this route, e.g. "Routes[2]", for log lines and errors.</summary>
    public string Path => $"Routes[{Index}]";

    public required string UpstreamPathTemplate { get; init; }

    /// <summary>Allowed methods, upper case; empty means every method (as in Ocelot).</summary>
    public IReadOnlyList<string> UpstreamHttpMethod { get; init; } = [];

    /// <summary>Hosts (optionally host:port) this route answers for; empty means any host.</summary>
    public IReadOnlyList<string> UpstreamHost { get; init; } = [];

    public required string DownstreamPathTemplate { get; init; }

    public string DownstreamScheme { get; init; } = "http";

    public IReadOnlyList<OcelotHostAndPort> DownstreamHostAndPorts { get; init; } = [];

    /// <summary>The name an aggregate (or the global rate limit's RouteKeys) uses for this route.</summary>
    public string? Key { get; init; }

    /// <summary>Higher wins when several templates match (Ocelot's default is 1).</summary>
    public int Priority { get; init; } = 1;

    /// <summary>Overrides GlobalConfiguration.RequestIdKey for this route.</summary>
    public string? RequestIdKey { get; init; }

    public OcelotLoadBalancerOptions LoadBalancerOptions { get; init; } = new();

    public OcelotAuthenticationOptions AuthenticationOptions { get; init; } = new();

    /// <summary>Claim type → required value ("{name}" compares with the route placeholder of that name).</summary>
    public IReadOnlyDictionary<string, string> RouteClaimsRequirement { get; init; } = new Dictionary<string, string>();

    /// <summary>Header name → "Claims[type] > value[ > index > delimiter]".</summary>
    public IReadOnlyList<OcelotClaimToHeader> AddHeadersToRequest { get; init; } = [];

    /// <summary>Request headers changed on the way down (find/replace or set).</summary>
    public IReadOnlyList<OcelotHeaderTransform> UpstreamHeaderTransform { get; init; } = [];

    /// <summary>Response headers changed on the way back (find/replace or set).</summary>
    public IReadOnlyList<OcelotHeaderTransform> DownstreamHeaderTransform { get; init; } = [];

    /// <summary>Parsed and validated here; the rate-limit policy applies it.</summary>
    public OcelotRateLimitOptions? RateLimitOptions { get; init; }

    /// <summary>Parsed and validated here; the output-cache policy applies it.</summary>
    public OcelotCacheOptions? CacheOptions { get; init; }

    /// <summary>Parsed and validated here; the QoS policy applies it.</summary>
    public OcelotQoSOptions? QoSOptions { get; init; }

    /// <summary>True when AuthenticationOptions names at least one provider key.</summary>
    public bool IsAuthenticated => AuthenticationOptions.AuthenticationProviderKeys.Count > 0;
}

/// <summary>One "DownstreamHostAndPorts" entry.</summary>
public sealed record OcelotHostAndPort(string Host, int Port)
{
    public override string ToString() => $"{Host}:{Port}";
}
