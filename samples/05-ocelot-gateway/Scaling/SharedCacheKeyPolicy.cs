using Microsoft.AspNetCore.OutputCaching;

namespace Samples.OcelotGateway.Scaling;

/// <summary>
/// Makes every instance compute the same cache key for the same request.
/// ASP.NET Core puts the request's Host in the key by default; instances
/// reached at different addresses (8085 and 8086 in the demo, or a balancer
/// that rewrites Host) would then each keep their own copy in the shared
/// store. The route, path, query and varying headers still make the key, as
/// in Ocelot, whose key never held the upstream host either. Only while the
/// state is shared (Gateway:Redis): alone, an instance keeps the default.
/// </summary>
public sealed class SharedCacheKeyPolicy(GatewayStateStore state) : IOutputCachePolicy
{
    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        if (state.IsShared)
        {
            context.CacheVaryByRules.VaryByHost = false;
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;
}
