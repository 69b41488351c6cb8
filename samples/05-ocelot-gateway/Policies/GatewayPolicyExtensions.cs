using System.Security.Claims;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Samples.OcelotGateway.Policies;

/// <summary>
/// Plugs the policies into the gateway in three calls: the services, the
/// main-pipeline middlewares (aggregates, rate limits, output cache) and the
/// QoS step inside YARP's proxy pipeline; plus the cache-clearing admin path.
/// </summary>
public static class GatewayPolicyExtensions
{
    /// <summary>The authorization policy that guards the administration paths: a token with role admin.</summary>
    public const string AdminPolicy = "GatewayAdmin";

    public static IServiceCollection AddGatewayPolicies(this IServiceCollection services)
    {
        // Time comes from DI so tests can swap in a FakeTimeProvider.
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<GatewayPolicyStore>();
        services.TryAddSingleton<QosPipelines>();
        services.TryAddSingleton<GatewayRateLimiter>();
        services.TryAddSingleton<IOutputCacheStore>(sp => new TimeProviderOutputCacheStore(sp.GetRequiredService<TimeProvider>()));

        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<GatewayRateLimiter>((options, limiter) =>
        {
            options.GlobalLimiter = limiter;
            options.OnRejected = GatewayRateLimiter.WriteRejectionAsync;
        });

        services.AddOutputCache();
        services.AddOptions<OutputCacheOptions>().Configure<GatewayPolicyStore>((options, store) =>
            options.AddBasePolicy(new GatewayCachePolicy(store)));

        services.AddAuthorizationBuilder().AddPolicy(AdminPolicy, policy => policy
            .RequireAuthenticatedUser()
            .RequireClaim("role", "admin"));
        return services;
    }

    /// <summary>
    /// Aggregates first (their parts come back through the whole pipeline,
    /// each counted against its own route), then rate limits, so a refused
    /// request costs nothing more. Ocelot limits before it authenticates.
    /// </summary>
    public static IApplicationBuilder UseGatewayRateLimiting(this IApplicationBuilder app) => app
        .UseMiddleware<AggregateMiddleware>()
        .UseRateLimiter();

    /// <summary>After authorization: a cached answer is only ever handed to a caller the route lets in.</summary>
    public static IApplicationBuilder UseGatewayOutputCache(this IApplicationBuilder app) => app
        .UseOutputCache();

    /// <summary>QoS wraps the downstream call: call it first in MapReverseProxy's pipeline.</summary>
    public static IReverseProxyApplicationBuilder UseGatewayQos(this IReverseProxyApplicationBuilder proxy)
    {
        // A failed downstream call's 502 or 504 gets a problem+json body (YARP writes none).
        proxy.UseMiddleware<ForwarderProblemMiddleware>();
        proxy.UseMiddleware<QosMiddleware>();
        return proxy;
    }

    /// <summary>DELETE /admin/outputcache/{region}: clears a cache region (Ocelot's administration path shape).</summary>
    public static IEndpointConventionBuilder MapGatewayCacheAdmin(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapDelete("/admin/outputcache/{region}", async (string region, ClaimsPrincipal user, IOutputCacheStore cache, ILogger<GatewayCachePolicy> logger, CancellationToken cancellation) =>
        {
            await cache.EvictByTagAsync(region, cancellation);
            PolicyLog.CacheRegionCleared(logger, region, user.FindFirst("sub")?.Value ?? user.Identity?.Name ?? "unknown");
            return Results.NoContent();
        }).RequireAuthorization(AdminPolicy).WithOrder(int.MinValue);
}
