using System.Collections.Concurrent;
using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Samples.OcelotGateway.Policies;

/// <summary>
/// ASP.NET Core's rate-limiting middleware asks this limiter about every
/// request. It finds the route's <see cref="RateLimitRule"/>, names the client
/// (the ClientIdHeader's value, or the client's address without it), lets
/// whitelisted clients through, and keeps one <see cref="OcelotWindowLimiter"/>
/// per route and client.
/// </summary>
public sealed class GatewayRateLimiter(GatewayPolicyStore store, TimeProvider time) : PartitionedRateLimiter<HttpContext>
{
    private static readonly TimeSpan SweepEvery = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, OcelotWindowLimiter> _partitions = new(StringComparer.Ordinal);
    private DateTimeOffset _lastSweep = time.GetUtcNow();

    /// <summary>How many route-and-client counters are alive (idle ones are swept every minute).</summary>
    public int PartitionCount => _partitions.Count;

    /// <summary>The client a request is counted against: the ClientIdHeader's value, else the client's address.</summary>
    public static string ClientIdOf(HttpContext context, RateLimitRule rule)
    {
        var header = context.Request.Headers[rule.ClientIdHeader].ToString();
        return !string.IsNullOrWhiteSpace(header)
            ? header.Trim()
            : context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
    }

    /// <summary>
    /// Writes Ocelot's refusal: the rule's status code and quota message. Hook
    /// it into <see cref="RateLimiterOptions.OnRejected"/>.
    /// </summary>
    public static async ValueTask WriteRejectionAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var response = rejected.HttpContext.Response;
        response.ContentType = "text/plain; charset=utf-8";

        // Refused by a route's ASP.NET Core policy ("DotNet"): the route's Ocelot options still say how the refusal looks.
        if (rejected.HttpContext.RequestServices.GetService<GatewayPolicyStore>()?.For(rejected.HttpContext)?.PolicyRateLimit is { } policy)
        {
            response.StatusCode = policy.StatusCode;
            // A concurrency limiter cannot know when a request in flight ends and frees a permit;
            // it still says to come back, after the shortest wait whole seconds can say.
            if (policy.EnableHeaders)
            {
                response.Headers.RetryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? Seconds(retryAfter) : "1";
            }

            await response.WriteAsync(policy.QuotaMessage, cancellationToken);
            return;
        }

        var rule = rejected.HttpContext.Features.Get<RateLimitRule>();
        response.StatusCode = rule?.StatusCode ?? StatusCodes.Status429TooManyRequests;
        await response.WriteAsync(rule?.FormatQuotaMessage() ?? "Too many requests.", cancellationToken);
    }

    public override RateLimiterStatistics? GetStatistics(HttpContext resource) => null;

    protected override RateLimitLease AttemptAcquireCore(HttpContext resource, int permitCount)
    {
        var policies = store.For(resource);
        if (policies?.RateLimit is not { } rule)
        {
            return NoLimit.Instance;
        }

        var client = ClientIdOf(resource, rule);
        if (rule.ClientWhitelist.Contains(client, StringComparer.Ordinal))
        {
            return NoLimit.Instance;
        }

        SweepIdle();
        var key = $"{rule.KeyPrefix}:{policies.RouteId}:{client}";
        var limiter = _partitions.AddOrUpdate(
            key,
            static (_, state) => new OcelotWindowLimiter(state.rule, state.time),
            static (_, existing, state) => existing.Rule.SameWindow(state.rule) ? existing : new OcelotWindowLimiter(state.rule, state.time),
            (rule, time));

        var lease = limiter.AttemptAcquire(permitCount);
        resource.Features.Set(rule);
        if (rule.EnableHeaders)
        {
            AddHeadersWhenStarting(resource.Response, lease);
        }

        return lease;
    }

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(HttpContext resource, int permitCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AttemptAcquireCore(resource, permitCount));

    protected override void Dispose(bool disposing)
    {
        foreach (var limiter in _partitions.Values)
        {
            limiter.Dispose();
        }

        _partitions.Clear();
        base.Dispose(disposing);
    }

    // The headers go on at the last moment, so they win over anything a
    // downstream sent under the same names.
    internal static void AddHeadersWhenStarting(HttpResponse response, RateLimitLease lease)
    {
        response.OnStarting(static state =>
        {
            var (response, lease) = ((HttpResponse, RateLimitLease))state;
            var headers = response.Headers;
            if (lease.TryGetMetadata(OcelotWindowLimiter.LimitMetadata, out var limit))
            {
                headers["X-RateLimit-Limit"] = limit.ToString(CultureInfo.InvariantCulture);
            }

            if (lease.TryGetMetadata(OcelotWindowLimiter.RemainingMetadata, out var remaining))
            {
                headers["X-RateLimit-Remaining"] = remaining.ToString(CultureInfo.InvariantCulture);
            }

            if (lease.TryGetMetadata(OcelotWindowLimiter.ResetMetadata, out var reset))
            {
                headers["X-RateLimit-Reset"] = Seconds(reset);
            }

            if (lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
            {
                headers.RetryAfter = Seconds(retryAfter);
            }

            return Task.CompletedTask;
        }, (response, lease));
    }

    // Whole seconds, rounded up: "Retry-After: 0" would invite an immediate retry that fails.
    private static string Seconds(TimeSpan span) =>
        ((long)Math.Ceiling(span.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    // Each client leaves a counter behind; sweep the ones that remember nothing
    // useful, so a flood of made-up client ids cannot grow memory for ever.
    private void SweepIdle()
    {
        var now = time.GetUtcNow();
        if (now - _lastSweep < SweepEvery)
        {
            return;
        }

        _lastSweep = now;
        foreach (var (key, limiter) in _partitions)
        {
            if (limiter.IsIdle(now) && _partitions.TryRemove(new KeyValuePair<string, OcelotWindowLimiter>(key, limiter)))
            {
                limiter.Dispose();
            }
        }
    }

    private sealed class NoLimit : RateLimitLease
    {
        public static readonly NoLimit Instance = new();

        public override bool IsAcquired => true;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
