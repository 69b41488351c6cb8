using Samples.OcelotGateway.Configuration;
using Samples.OcelotGateway.LoadBalancing;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.LoadBalancing;

namespace Samples.OcelotGateway.Routing;

/// <summary>
/// Ocelot's routes in YARP's terms: each Ocelot route becomes one YARP route
/// (how requests are matched) and one cluster (where they go). Everything a
/// route does between the two (auth, headers, the downstream path) is applied
/// by the gateway's transforms and endpoint metadata, which look the Ocelot
/// route up by the YARP route id.
/// </summary>
public static class OcelotToYarp
{
    public const string StickyCookieMetadata = "Ocelot.StickySessions.Key";
    public const string StickyExpiryMetadata = "Ocelot.StickySessions.ExpiryMs";

    public sealed record Translation(
        IReadOnlyList<RouteConfig> Routes,
        IReadOnlyList<ClusterConfig> Clusters,
        IReadOnlyDictionary<string, OcelotRoute> OcelotRoutes);

    /// <summary>The YARP route and cluster id of an Ocelot route: its JSON path ("Routes[2]"), so logs point into the file.</summary>
    public static string RouteId(OcelotRoute route) => route.Path;

    /// <summary>
    /// Ocelot tries routes by Priority, highest first (a lone "/{url}" catch-all
    /// counts as 0), prefers a route that names its UpstreamHost over one that
    /// does not, and otherwise takes the first in the file. ASP.NET Core routing
    /// picks the lowest Order among the endpoints that match, so the order
    /// folds those three rules into one number; <paramref name="position"/> is
    /// the place in the file (aggregates come after all routes).
    /// </summary>
    public static int Order(string upstreamTemplate, int priority, bool hasHost, int position)
    {
        var effective = OcelotPathTemplate.IsRootCatchAll(upstreamTemplate) ? 0 : Math.Clamp(priority, 0, 1000);
        return -(effective * 1_000_000) - (hasHost ? 500_000 : 0) + Math.Clamp(position, 0, 499_999);
    }

    public static Translation Translate(OcelotConfiguration configuration, long generation = 0)
    {
        var routes = new List<RouteConfig>();
        var clusters = new List<ClusterConfig>();
        var byId = new Dictionary<string, OcelotRoute>(StringComparer.Ordinal);
        foreach (var route in configuration.Routes)
        {
            var id = RouteId(route);
            byId[id] = route;
            routes.Add(new RouteConfig
            {
                RouteId = id,
                ClusterId = id,
                Order = Order(route.UpstreamPathTemplate, route.Priority, route.UpstreamHost.Count > 0, route.Index),

                // "RateLimitMiddlewareType": "DotNet": ASP.NET Core's rate-limiting middleware applies the named policy to this route.
                RateLimiterPolicy = route.RateLimitOptions is { PolicyName: { } policy, EnableRateLimiting: not false } ? policy : null,
                Match = new RouteMatch
                {
                    Path = OcelotPathTemplate.ToRoutePattern(route.UpstreamPathTemplate),
                    Methods = route.UpstreamHttpMethod.Count > 0 ? route.UpstreamHttpMethod : null,
                    Hosts = route.UpstreamHost.Count > 0 ? route.UpstreamHost : null,
                },
                Metadata = new Dictionary<string, string>
                {
                    ["Ocelot.UpstreamPathTemplate"] = route.UpstreamPathTemplate,
                    ["Ocelot.DownstreamPathTemplate"] = route.DownstreamPathTemplate,
                    ["Ocelot.Generation"] = generation.ToString(System.Globalization.CultureInfo.InvariantCulture),
                },
            });
            clusters.Add(Cluster(id, route));
        }

        return new Translation(routes, clusters, byId);
    }

    private static ClusterConfig Cluster(string id, OcelotRoute route)
    {
        // Ocelot's websocket schemes are plain HTTP(S) to YARP, which upgrades the connection itself.
        var scheme = route.DownstreamScheme switch
        {
            "ws" => "http",
            "wss" => "https",
            var s => s,
        };

        // Destination ids sort in file order, so FirstAlphabetical means "the first host listed".
        var destinations = route.DownstreamHostAndPorts
            .Select((h, i) => (Id: $"{i:D2} {h}", Address: new UriBuilder(scheme, h.Host, h.Port).Uri.ToString()))
            .ToDictionary(d => d.Id, d => new DestinationConfig { Address = d.Address }, StringComparer.Ordinal);

        var options = route.LoadBalancerOptions;
        var policy = options.Type switch
        {
            OcelotLoadBalancerType.RoundRobin => LoadBalancingPolicies.RoundRobin,
            OcelotLoadBalancerType.LeastConnection => LoadBalancingPolicies.LeastRequests,
            OcelotLoadBalancerType.CookieStickySessions => CookieStickySessionsPolicy.PolicyName,
            _ => LoadBalancingPolicies.FirstAlphabetical,
        };

        return new ClusterConfig
        {
            ClusterId = id,
            LoadBalancingPolicy = policy,
            Destinations = destinations,
            Metadata = options.Type == OcelotLoadBalancerType.CookieStickySessions
                ? new Dictionary<string, string>
                {
                    [StickyCookieMetadata] = options.Key!,
                    [StickyExpiryMetadata] = ((long)options.Expiry.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture),
                }
                : null,
        };
    }
}
