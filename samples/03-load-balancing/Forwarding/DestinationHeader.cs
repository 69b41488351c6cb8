using Microsoft.Extensions.Options;
using Samples.LoadBalancing.Settings;
using Yarp.ReverseProxy.Transforms;

namespace Samples.LoadBalancing.Forwarding;

/// <summary>
/// X-Destination on every proxied response: the id of the destination that
/// actually answered (after a failover, the second one), for learning.
/// LoadBalancing:ExposeDestination=false leaves it out.
/// </summary>
public static class DestinationHeader
{
    public const string HeaderName = "X-Destination";

    public static IReverseProxyBuilder AddDestinationHeader(this IReverseProxyBuilder proxy) => proxy.AddTransforms(transforms =>
    {
        // Read when a response passes, not when YARP builds its routes: bad settings are reported at start, in one line.
        var options = transforms.Services.GetRequiredService<IOptions<LoadBalancingOptions>>();
        transforms.AddResponseTransform(context =>
        {
            // Only a destination that actually answered is named; a failed attempt never is.
            if (options.Value.ExposeDestination && context.ProxyResponse is not null
                && context.HttpContext.GetReverseProxyFeature().ProxiedDestination is { } answered)
            {
                context.HttpContext.Response.Headers[HeaderName] = answered.DestinationId;
            }

            return ValueTask.CompletedTask;
        });
    });
}
