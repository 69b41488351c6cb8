using Yarp.ReverseProxy.Model;

namespace Samples.OcelotGateway.Policies;

/// <summary>
/// The policies in force, by YARP route id, plus the aggregates. The whole set
/// is swapped at once when the configuration is reloaded, so a request sees
/// either the old set or the new one, never half of each.
/// </summary>
public sealed class GatewayPolicyStore
{
    private Snapshot _current = new(new Dictionary<string, RoutePolicies>(StringComparer.OrdinalIgnoreCase), []);

    public IReadOnlyList<AggregateRule> Aggregates => Volatile.Read(ref _current).Aggregates;

    public IReadOnlyCollection<RoutePolicies> Routes => Volatile.Read(ref _current).Routes.Values;

    public void Update(IEnumerable<RoutePolicies> routes, IEnumerable<AggregateRule>? aggregates = null)
    {
        var byId = new Dictionary<string, RoutePolicies>(StringComparer.OrdinalIgnoreCase);
        foreach (var route in routes)
        {
            byId[route.RouteId] = route;
        }

        Volatile.Write(ref _current, new Snapshot(byId, [.. aggregates ?? []]));
    }

    public RoutePolicies? For(string routeId) =>
        Volatile.Read(ref _current).Routes.TryGetValue(routeId, out var policies) ? policies : null;

    /// <summary>The policies of the route this request matched (YARP puts its route on the endpoint).</summary>
    public RoutePolicies? For(HttpContext context) =>
        RouteIdOf(context) is { } id ? For(id) : null;

    public static string? RouteIdOf(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<RouteModel>()?.Config.RouteId;

    private sealed record Snapshot(Dictionary<string, RoutePolicies> Routes, AggregateRule[] Aggregates);
}
