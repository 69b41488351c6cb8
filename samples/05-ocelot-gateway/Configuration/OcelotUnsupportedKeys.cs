namespace Samples.OcelotGateway.Configuration;

/// <summary>
/// Keys Ocelot knows that this gateway does not run, each with its verdict and
/// the reason a user is told. "refused" stops start-up (unless the value is
/// empty, as in files generated from Ocelot's full example): honouring the key
/// would be unsafe or needs infrastructure the suite does not run. "ignored"
/// is accepted with a start-up warning: the key cannot change what this
/// gateway does. Any other key the file model does not have is a typo.
/// </summary>
internal static class OcelotUnsupportedKeys
{
    // Where the key stands, the key, the verdict, and why: one a line.
    private const string Table = """
        root            DynamicRoutes                   refused  dynamic routing needs service discovery, which is not built in
        root            ReRoutes                        refused  the pre-16.0 name; rename it to Routes
        route           ServiceName                     refused  service discovery (Consul, Eureka, Kubernetes) is not built in; list DownstreamHostAndPorts
        route           ServiceNamespace                refused  service discovery is not built in; list DownstreamHostAndPorts
        route           DelegatingHandlers              refused  delegating handlers are code registered with Ocelot; write ASP.NET Core middleware instead
        route           AddClaimsToRequest              refused  claims transformation is not supported; use AddHeadersToRequest
        route           AddQueriesToRequest             refused  claims to query string is not supported; use AddHeadersToRequest
        route           ChangeDownstreamPathTemplate    refused  changing the downstream path from claims is not supported
        route           DownstreamHttpMethod            refused  changing the method on the way down is not supported
        route           DownstreamHttpVersion           refused  YARP negotiates HTTP/1.1 or HTTP/2 with the downstream itself
        route           DownstreamHttpVersionPolicy     refused  YARP negotiates HTTP/1.1 or HTTP/2 with the downstream itself
        route           RouteIsCaseSensitive            refused  ASP.NET Core routing matches paths case-insensitively, as Ocelot does by default
        route           SecurityOptions                 refused  IP allow and block lists are not supported
        route           UpstreamHeaderTemplates         refused  routing on header templates is not supported
        route           Timeout                         refused  give the timeout as QoSOptions.Timeout
        route           LoadBalancer                    refused  the name before Ocelot 16; use LoadBalancerOptions.Type
        route           Metadata                        ignored  metadata is read only by custom code plugged into Ocelot; nothing in this gateway reads it
        aggregate       Aggregator                      refused  custom aggregators are code registered with Ocelot; the built-in JSON merge is used
        aggregate       RouteKeysConfig                 refused  joining parts by a JSON path is not supported
        aggregate       RouteIsCaseSensitive            refused  ASP.NET Core routing matches paths case-insensitively, as Ocelot does by default
        aggregate       UpstreamHeaderTemplates         refused  routing on header templates is not supported
        aggregate       UpstreamHttpMethod              refused  an aggregate answers GET only
        global          ServiceDiscoveryProvider        refused  service discovery is not built in; list DownstreamHostAndPorts on each route
        global          QoSOptions                      refused  set QoSOptions on each route
        global          LoadBalancerOptions             refused  set LoadBalancerOptions on each route
        global          DownstreamScheme                refused  set DownstreamScheme on each route
        global          DownstreamHttpVersion           refused  YARP negotiates HTTP/1.1 or HTTP/2 with the downstream itself
        global          DownstreamHttpVersionPolicy     refused  YARP negotiates HTTP/1.1 or HTTP/2 with the downstream itself
        global          DownstreamHeaderTransform       refused  set DownstreamHeaderTransform on each route
        global          UpstreamHeaderTransform         refused  set UpstreamHeaderTransform on each route
        global          CacheOptions                    refused  set CacheOptions on each route
        global          AuthenticationOptions           refused  set AuthenticationOptions on each route
        global          SecurityOptions                 refused  IP allow and block lists are not supported
        global          Timeout                         refused  give the timeout as QoSOptions.Timeout on each route
        global          Metadata                        ignored  metadata is read only by custom code plugged into Ocelot; nothing in this gateway reads it
        global          MetadataOptions                 ignored  metadata is read only by custom code plugged into Ocelot; nothing in this gateway reads it
        global          WebSocket                       ignored  YARP relays an upgraded connection with its own 64 KiB buffers; messages pass whole whatever the size
        authentication  AllowAnonymous                  refused  leave AuthenticationOptions out of a route that needs no token
        authentication  RequiredRole                    refused  role checks are written as RouteClaimsRequirement, e.g. { "role": "admin" }
        authentication  RoleKey                         refused  claims keep the names they have in the token; name the role claim in RouteClaimsRequirement
        authentication  ScopeKey                        refused  AllowedScopes reads the token's "scope" claim
        authentication  PolicyName                      refused  named authorization policies are code; use RouteClaimsRequirement and AllowedScopes
        """;

    public static IReadOnlyDictionary<string, Verdict> Root { get; } = Of("root");

    public static IReadOnlyDictionary<string, Verdict> Route { get; } = Of("route");

    public static IReadOnlyDictionary<string, Verdict> Aggregate { get; } = Of("aggregate");

    public static IReadOnlyDictionary<string, Verdict> Global { get; } = Of("global");

    public static IReadOnlyDictionary<string, Verdict> Authentication { get; } = Of("authentication");

    private static Dictionary<string, Verdict> Of(string where) => Table
        .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(line => line.Split(' ', 4, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        .Where(cells => cells[0] == where)
        .ToDictionary(cells => cells[1], cells => new Verdict(cells[2] == "ignored", cells[3]), StringComparer.OrdinalIgnoreCase);

    /// <summary>What the gateway does with a key: refuse it (unless empty) or ignore it with a warning; and why.</summary>
    public sealed record Verdict(bool Ignored, string Why);
}
