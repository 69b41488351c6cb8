using System.Threading.RateLimiting;
using Samples.OcelotGateway.Policies;
using StackExchange.Redis;

namespace Samples.OcelotGateway.Scaling;

/// <summary>
/// Puts a shared counter store in front of the gateway's in-memory limiter.
/// The route's rule, the client's name and the whitelist are decided exactly
/// as the in-memory limiter decides them; only the counting moves. When the
/// store is away, or a call to it fails, the request is counted in this
/// instance's memory instead: the limit then holds per instance, and the
/// gateway keeps answering.
/// </summary>
public sealed class SharedRateLimiter(
    GatewayRateLimiter local,
    GatewayPolicyStore policies,
    IRateLimitCounterStore shared,
    ILogger<SharedRateLimiter> logger) : PartitionedRateLimiter<HttpContext>
{
    public override RateLimiterStatistics? GetStatistics(HttpContext resource) => null;

    protected override RateLimitLease AttemptAcquireCore(HttpContext resource, int permitCount) =>
        shared.IsAvailable && CounterOf(resource) is not null
            ? CounterLease.AskAsynchronously
            : local.AttemptAcquire(resource, permitCount);

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(HttpContext resource, int permitCount, CancellationToken cancellationToken)
    {
        if (!shared.IsAvailable || CounterOf(resource) is not { } counter)
        {
            return await local.AcquireAsync(resource, permitCount, cancellationToken);
        }

        RateLimitLease lease;
        try
        {
            lease = await shared.AcquireAsync(counter.Key, counter.Rule, permitCount, cancellationToken);
        }
        catch (Exception ex) when (ex is RedisException or RedisTimeoutException)
        {
            ScalingLog.FellBack(logger, "rate limit", ex.Message);
            return await local.AcquireAsync(resource, permitCount, cancellationToken);
        }

        // What the in-memory limiter leaves for the refusal writer and the headers, left the same way.
        resource.Features.Set(counter.Rule);
        if (counter.Rule.EnableHeaders)
        {
            GatewayRateLimiter.AddHeadersWhenStarting(resource.Response, lease);
        }

        return lease;
    }

    // The counter a request is charged to, named as the in-memory limiter names
    // it (KeyPrefix, route, client); null when the route has no limit or the
    // client is whitelisted.
    private (RateLimitRule Rule, string Key)? CounterOf(HttpContext context)
    {
        if (policies.For(context) is not { RateLimit: { } rule } route)
        {
            return null;
        }

        var client = GatewayRateLimiter.ClientIdOf(context, rule);
        return rule.ClientWhitelist.Contains(client, StringComparer.Ordinal)
            ? null
            : (rule, $"{rule.KeyPrefix}:{route.RouteId}:{client}");
    }
}
