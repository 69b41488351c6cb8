using Samples.OcelotGateway.Routing;
using Samples.OcelotGateway.Scaling;

namespace Samples.OcelotGateway.Health;

/// <summary>GET /healthz: answered by the gateway itself, before every Ocelot route whatever its template.</summary>
public static class HealthEndpoint
{
    public static IEndpointConventionBuilder MapGatewayHealth(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/healthz", (OcelotRouteTable routes, GatewayStateStore state) => Results.Json(
            new GatewayHealth("up", state.Mode, routes.Current.Routes.Count, routes.Current.Aggregates.Count),
            HealthJson.Default.GatewayHealth)).WithOrder(int.MinValue);
}
