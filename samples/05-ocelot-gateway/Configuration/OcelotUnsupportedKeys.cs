namespace Samples.OcelotGateway.Configuration;

/// <summary>
/// Keys Ocelot knows that this gateway does not run, each with the reason a
/// user is told. Any other key the file model does not have is a typo.
/// </summary>
internal static class OcelotUnsupportedKeys
{
    public static IReadOnlyDictionary<string, string> Root { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["DynamicRoutes"] = "dynamic routing needs service discovery, which is not built in",
        ["ReRoutes"] = "the pre-16.0 name; rename it to Routes",
    };

    public static IReadOnlyDictionary<string, string> Route { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["ServiceName"] = "service discovery (Consul, Eureka, Kubernetes) is not built in; list DownstreamHostAndPorts",
        ["ServiceNamespace"] = "service discovery is not built in; list DownstreamHostAndPorts",
        ["DelegatingHandlers"] = "delegating handlers are code registered with Ocelot; write ASP.NET Core middleware instead",
        ["DangerousAcceptAnyServerCertificateValidator"] = "accepting any certificate is never offered; trust the downstream's CA instead",
        ["AddClaimsToRequest"] = "claims transformation is not supported; use AddHeadersToRequest",
        ["AddQueriesToRequest"] = "claims to query string is not supported; use AddHeadersToRequest",
        ["DownstreamHttpMethod"] = "changing the method on the way down is not supported",
        ["DownstreamHttpVersion"] = "YARP negotiates HTTP/1.1 or HTTP/2 with the downstream itself",
        ["DownstreamHttpVersionPolicy"] = "YARP negotiates HTTP/1.1 or HTTP/2 with the downstream itself",
        ["RouteIsCaseSensitive"] = "ASP.NET Core routing matches paths case-insensitively, as Ocelot does by default",
        ["SecurityOptions"] = "IP allow and block lists are not supported",
        ["UpstreamHeaderTemplates"] = "routing on header templates is not supported",
        ["Timeout"] = "give the timeout as QoSOptions.Timeout",
        ["LoadBalancer"] = "the name before Ocelot 16; use LoadBalancerOptions.Type",
        ["Metadata"] = "route metadata is not supported",
    };

    public static IReadOnlyDictionary<string, string> Aggregate { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["Aggregator"] = "custom aggregators are code registered with Ocelot; the built-in JSON merge is used",
        ["RouteKeysConfig"] = "joining parts by a JSON path is not supported",
        ["RouteIsCaseSensitive"] = "ASP.NET Core routing matches paths case-insensitively, as Ocelot does by default",
        ["UpstreamHttpMethod"] = "an aggregate answers GET only",
    };

    public static IReadOnlyDictionary<string, string> Global { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["ServiceDiscoveryProvider"] = "service discovery is not built in; list DownstreamHostAndPorts on each route",
        ["QoSOptions"] = "set QoSOptions on each route",
        ["LoadBalancerOptions"] = "set LoadBalancerOptions on each route",
        ["DownstreamScheme"] = "set DownstreamScheme on each route",
        ["DownstreamHttpVersion"] = "YARP negotiates HTTP/1.1 or HTTP/2 with the downstream itself",
        ["DownstreamHttpVersionPolicy"] = "YARP negotiates HTTP/1.1 or HTTP/2 with the downstream itself",
        ["CacheOptions"] = "set CacheOptions on each route",
        ["AuthenticationOptions"] = "set AuthenticationOptions on each route",
        ["SecurityOptions"] = "IP allow and block lists are not supported",
        ["Metadata"] = "metadata is not supported",
        ["MetadataOptions"] = "metadata is not supported",
    };

    public static IReadOnlyDictionary<string, string> Authentication { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["AllowAnonymous"] = "leave AuthenticationOptions out of a route that needs no token",
    };
}
