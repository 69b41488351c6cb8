using Microsoft.AspNetCore.Authorization;
using Samples.OcelotGateway.Auth;
using Samples.OcelotGateway.Configuration;
using Yarp.ReverseProxy.Model;

namespace Samples.OcelotGateway.Routing;

/// <summary>
/// Runs for every endpoint YARP builds from a route: it attaches the route's
/// Ocelot model to the endpoint (so any middleware can read it with
/// GetOcelotRoute) and, for an authenticated route, the authorization policy
/// made from its AuthenticationOptions and RouteClaimsRequirement. A policy
/// object on the endpoint needs no name, so routes added by a hot reload get
/// theirs without registering anything.
/// </summary>
public static class OcelotEndpointMetadata
{
    public static void Attach(EndpointBuilder endpoint, OcelotRouteTable table)
    {
        var routeId = endpoint.Metadata.OfType<RouteModel>().FirstOrDefault()?.Config.RouteId;
        if (routeId is null || table.Find(routeId) is not { } route)
        {
            return;
        }

        endpoint.Metadata.Add(route);
        if (route.IsAuthenticated)
        {
            endpoint.Metadata.Add(new AuthorizationPolicyBuilder([.. route.AuthenticationOptions.AuthenticationProviderKeys])
                .RequireAuthenticatedUser()
                .AddRequirements(new RouteClaimsRequirement(route))
                .Build());
        }
    }

    /// <summary>The Ocelot route the request matched, or null (a gateway endpoint such as /healthz, or no match).</summary>
    public static OcelotRoute? GetOcelotRoute(this HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<OcelotRoute>();
}
