namespace Samples.OcelotGateway.Configuration;

/// <summary>
/// Keys Ocelot knows that this gateway does not run, each with the reason a
/// user is told. Any other key the file model does not have is a typo.
/// </summary>
internal static class OcelotUnsupportedKeys
{
    // Where the key stands, the key, and why: one a line.
    private const string Table = """
        root            DynamicRoutes                                 dynamic routing needs service discovery, which is not built in
        root            ReRoutes                                      the pre-16.0 name; rename it to Routes
        route           ServiceName                                   service discovery (Consul, Eureka, Kubernetes) is not built in; list DownstreamHostAndPorts
        route           ServiceNamespace                              service discovery is not built in; list DownstreamHostAndPorts
        route           DelegatingHandlers                            delegating handlers are code registered with Ocelot; write ASP.NET Core middleware instead
        route           DangerousAcceptAnyServerCertificateValidator  accepting any certificate is never offered; trust the downstream's CA instead
        route           AddClaimsToRequest                            claims transformation is not supported; use AddHeadersToRequest
        route           AddQueriesToRequest                           claims to query string is not supported; use AddHeadersToRequest
        route           DownstreamHttpMethod                          changing the method on the way down is not supported
        route           DownstreamHttpVersion                         YARP negotiates HTTP/1.1 or HTTP/2 with the downstream itself
        route           DownstreamHttpVersionPolicy                   YARP negotiates HTTP/1.1 or HTTP/2 with the downstream itself
        route           RouteIsCaseSensitive                          ASP.NET Core routing matches paths case-insensitively, as Ocelot does by default
        route           SecurityOptions                               IP allow and block lists are not supported
        route           UpstreamHeaderTemplates                       routing on header templates is not supported
        route           Timeout                                       give the timeout as QoSOptions.Timeout
        route           LoadBalancer                                  the name before Ocelot 16; use LoadBalancerOptions.Type
        route           Metadata                                      route metadata is not supported
        aggregate       Aggregator                                    custom aggregators are code registered with Ocelot; the built-in JSON merge is used
        aggregate       RouteKeysConfig                               joining parts by a JSON path is not supported
        aggregate       RouteIsCaseSensitive                          ASP.NET Core routing matches paths case-insensitively, as Ocelot does by default
        aggregate       UpstreamHttpMethod                            an aggregate answers GET only
        global          ServiceDiscoveryProvider                      service discovery is not built in; list DownstreamHostAndPorts on each route
        global          QoSOptions                                    set QoSOptions on each route
        global          LoadBalancerOptions                           set LoadBalancerOptions on each route
        global          DownstreamScheme                              set DownstreamScheme on each route
        global          DownstreamHttpVersion                         YARP negotiates HTTP/1.1 or HTTP/2 with the downstream itself
        global          DownstreamHttpVersionPolicy                   YARP negotiates HTTP/1.1 or HTTP/2 with the downstream itself
        global          CacheOptions                                  set CacheOptions on each route
        global          AuthenticationOptions                         set AuthenticationOptions on each route
        global          SecurityOptions                               IP allow and block lists are not supported
        global          Metadata                                      metadata is not supported
        global          MetadataOptions                               metadata is not supported
        authentication  AllowAnonymous                                leave AuthenticationOptions out of a route that needs no token
        """;

    public static IReadOnlyDictionary<string, string> Root { get; } = Of("root");

    public static IReadOnlyDictionary<string, string> Route { get; } = Of("route");

    public static IReadOnlyDictionary<string, string> Aggregate { get; } = Of("aggregate");

    public static IReadOnlyDictionary<string, string> Global { get; } = Of("global");

    public static IReadOnlyDictionary<string, string> Authentication { get; } = Of("authentication");

    private static Dictionary<string, string> Of(string where) => Table
        .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(line => line.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        .Where(cells => cells[0] == where)
        .ToDictionary(cells => cells[1], cells => cells[2], StringComparer.OrdinalIgnoreCase);
}
