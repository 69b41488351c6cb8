using Microsoft.Extensions.DependencyInjection.Extensions;
using Samples.OcelotGateway.Transforms;
using Yarp.ReverseProxy.Configuration;

namespace Samples.OcelotGateway.Routing;

/// <summary>Ocelot's routes as YARP routes: the services that hold them, and the matching step with Ocelot's 404.</summary>
public static class OcelotRoutingExtensions
{
    /// <summary>The route table (Ocelot's model by YARP route id), the provider YARP reads, YARP itself with Ocelot's transforms.</summary>
    public static IServiceCollection AddOcelotRouting(this IServiceCollection services)
    {
        // Time comes from DI so tests can swap in a FakeTimeProvider (sticky sessions expire by it).
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<OcelotProxyConfigProvider>();
        services.AddSingleton<IProxyConfigProvider>(sp => sp.GetRequiredService<OcelotProxyConfigProvider>());
        services.AddSingleton<OcelotRouteTable>();
        services.AddReverseProxy().AddTransforms<OcelotTransformProvider>();
        return services;
    }

    /// <summary>Matches the request to a route. Ocelot answers 404 when the path matches but the method does not; ASP.NET Core would say 405.</summary>
    public static IApplicationBuilder UseOcelotRouting(this IApplicationBuilder app) => app
        .UseRouting()
        .Use((context, next) =>
        {
            if (context.GetEndpoint()?.DisplayName == "405 HTTP Method Not Supported")
            {
                context.SetEndpoint(null);
            }

            return next(context);
        });

    /// <summary>Gives every endpoint YARP builds its Ocelot route (and that route's authorization policy).</summary>
    public static TBuilder WithOcelotRoutes<TBuilder>(this TBuilder proxy, IServiceProvider services)
        where TBuilder : IEndpointConventionBuilder
    {
        var table = services.GetRequiredService<OcelotRouteTable>();
        proxy.Add(endpoint => OcelotEndpointMetadata.Attach(endpoint, table));
        return proxy;
    }
}
