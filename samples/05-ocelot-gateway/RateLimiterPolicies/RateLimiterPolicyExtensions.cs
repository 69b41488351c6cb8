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

    private static void Add(RateLimiterOptions limits, string name, RateLimiterPolicyOptions policy)
    {
        switch (policy.Type)
        {
            case RateLimiterType.FixedWindow:
                limits.AddFixedWindowLimiter(name, o =>
                {
                    o.PermitLimit = policy.PermitLimit;
                    o.Window = policy.Window;
                    o.QueueLimit = policy.QueueLimit;
                    o.QueueProcessingOrder = policy.QueueProcessingOrder;
                });
                break;
            case RateLimiterType.SlidingWindow:
                limits.AddSlidingWindowLimiter(name, o =>
                {
                    o.PermitLimit = policy.PermitLimit;
                    o.Window = policy.Window;
                    o.SegmentsPerWindow = policy.SegmentsPerWindow;
                    o.QueueLimit = policy.QueueLimit;
                    o.QueueProcessingOrder = policy.QueueProcessingOrder;
                });
                break;
            case RateLimiterType.TokenBucket:
                limits.AddTokenBucketLimiter(name, o =>
                {
                    o.TokenLimit = policy.TokenLimit;
                    o.TokensPerPeriod = policy.TokensPerPeriod;
                    o.ReplenishmentPeriod = policy.ReplenishmentPeriod;
                    o.QueueLimit = policy.QueueLimit;
                    o.QueueProcessingOrder = policy.QueueProcessingOrder;
                });
                break;
            case RateLimiterType.Concurrency:
                limits.AddConcurrencyLimiter(name, o =>
                {
                    o.PermitLimit = policy.PermitLimit;
                    o.QueueLimit = policy.QueueLimit;
                    o.QueueProcessingOrder = policy.QueueProcessingOrder;
                });
                break;
        }
    }
}
