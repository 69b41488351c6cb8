using Yarp.ReverseProxy.LoadBalancing;

namespace Samples.OcelotGateway.LoadBalancing;

/// <summary>Adds Ocelot's CookieStickySessions to YARP's load-balancing policies (the others are YARP's own).</summary>
public static class LoadBalancingExtensions
{
    public static IServiceCollection AddCookieStickySessions(this IServiceCollection services) =>
        services.AddSingleton<ILoadBalancingPolicy, CookieStickySessionsPolicy>();
}
