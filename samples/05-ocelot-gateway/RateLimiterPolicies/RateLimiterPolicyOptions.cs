using System.Threading.RateLimiting;

namespace Samples.OcelotGateway.RateLimiterPolicies;

/// <summary>The four limiters ASP.NET Core ships (System.Threading.RateLimiting).</summary>
public enum RateLimiterType
{
    /// <summary>PermitLimit requests per Window; the count starts again when the window ends.</summary>
    FixedWindow,

    /// <summary>PermitLimit requests in any Window, the window sliding by SegmentsPerWindow steps.</summary>
    SlidingWindow,

    /// <summary>A bucket of TokenLimit tokens, refilled by TokensPerPeriod every ReplenishmentPeriod; a request takes one.</summary>
    TokenBucket,

    /// <summary>At most PermitLimit requests in flight at once.</summary>
    Concurrency,
}

/// <summary>
/// One entry of Gateway:RateLimiterPolicies: a named ASP.NET Core rate-limiter
/// policy that an Ocelot route picks with "RateLimitMiddlewareType": "DotNet"
/// and "RateLimitPolicyName". The keys are those of the limiter's own options
/// (FixedWindowRateLimiterOptions, ...); a key the chosen Type does not use is
/// ignored. Checked at start-up by <see cref="RateLimiterPoliciesValidator"/>.
/// </summary>
public sealed record RateLimiterPolicyOptions
{
    public RateLimiterType? Type { get; set; }

    /// <summary>FixedWindow, SlidingWindow: requests per window. Concurrency: requests at once.</summary>
    public int PermitLimit { get; set; }

    /// <summary>FixedWindow, SlidingWindow: the window ("00:00:12").</summary>
    public TimeSpan Window { get; set; }

    /// <summary>SlidingWindow: how many steps the window moves by.</summary>
    public int SegmentsPerWindow { get; set; }

    /// <summary>TokenBucket: the bucket's size.</summary>
    public int TokenLimit { get; set; }

    /// <summary>TokenBucket: tokens put back every ReplenishmentPeriod.</summary>
    public int TokensPerPeriod { get; set; }

    /// <summary>TokenBucket: how often tokens are put back.</summary>
    public TimeSpan ReplenishmentPeriod { get; set; }

    /// <summary>Requests over the limit that wait for a permit instead of being refused at once (0: none wait).</summary>
    public int QueueLimit { get; set; }

    /// <summary>Which waiting request goes first when a permit frees up.</summary>
    public QueueProcessingOrder QueueProcessingOrder { get; set; } = QueueProcessingOrder.OldestFirst;
}
