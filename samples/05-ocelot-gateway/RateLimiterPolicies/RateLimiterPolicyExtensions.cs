using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Samples.OcelotGateway.Settings;

namespace Samples.OcelotGateway.RateLimiterPolicies;

/// <summary>
/// Registers every Gateway:RateLimiterPolicies entry as a named policy of
/// ASP.NET Core's rate-limiting middleware, the one Ocelot's
/// "RateLimitMiddlewareType": "DotNet" hands a route to. Each policy is one
/// limiter shared by every request of every route that names it, whoever
/// sends them (as AddFixedWindowLimiter and its siblings make it).
/// </summary>
public static class RateLimiterPolicyExtensions
{
    public static IServiceCollection AddRateLimiterPolicies(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GatewayOptions>, RateLimiterPoliciesValidator>());
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<GatewayOptions>>((limits, gateway) =>
        {
            foreach (var (name, policy) in gateway.Value.RateLimiterPolicies)
            {
                Add(limits, name, policy);
            }
        });
        return services;
    }

    // One partition with one key: every request that names the policy counts against the same limiter.
    private static void Add(RateLimiterOptions limits, string name, RateLimiterPolicyOptions p)
    {
        var limiter = p.Type switch
        {
            RateLimiterType.FixedWindow => RateLimitPartition.GetFixedWindowLimiter(name, _ => new FixedWindowRateLimiterOptions
            { PermitLimit = p.PermitLimit, Window = p.Window, QueueLimit = p.QueueLimit, QueueProcessingOrder = p.QueueProcessingOrder }),
            RateLimiterType.SlidingWindow => RateLimitPartition.GetSlidingWindowLimiter(name, _ => new SlidingWindowRateLimiterOptions
            { PermitLimit = p.PermitLimit, Window = p.Window, SegmentsPerWindow = p.SegmentsPerWindow, QueueLimit = p.QueueLimit, QueueProcessingOrder = p.QueueProcessingOrder }),
            RateLimiterType.TokenBucket => RateLimitPartition.GetTokenBucketLimiter(name, _ => new TokenBucketRateLimiterOptions
            { TokenLimit = p.TokenLimit, TokensPerPeriod = p.TokensPerPeriod, ReplenishmentPeriod = p.ReplenishmentPeriod, QueueLimit = p.QueueLimit, QueueProcessingOrder = p.QueueProcessingOrder }),
            _ => RateLimitPartition.GetConcurrencyLimiter(name, _ => new ConcurrencyLimiterOptions
            { PermitLimit = p.PermitLimit, QueueLimit = p.QueueLimit, QueueProcessingOrder = p.QueueProcessingOrder }),
        };
        limits.AddPolicy(name, _ => limiter);
    }
}
