using System.Threading.RateLimiting;
using Samples.OcelotGateway.Policies;

namespace Samples.OcelotGateway.Scaling;

/// <summary>
/// A shared counter's answer, carrying the same metadata as the in-memory
/// limiter's leases, so the X-RateLimit-* headers, Retry-After and the quota
/// message come out the same whichever store counted.
/// </summary>
public sealed class CounterLease : RateLimitLease
{
    private readonly Dictionary<string, object?> _metadata;

    private CounterLease(bool acquired, Dictionary<string, object?> metadata)
    {
        IsAcquired = acquired;
        _metadata = metadata;
    }

    /// <summary>
    /// Not acquired, with nothing to say: the synchronous attempt's answer
    /// when only a round trip to the store can tell. ASP.NET Core's
    /// rate-limiting middleware then asks again asynchronously, and that is
    /// where the store is called, so no thread blocks on the network.
    /// </summary>
    public static CounterLease AskAsynchronously { get; } = new(false, []);

    public override bool IsAcquired { get; }

    public override IEnumerable<string> MetadataNames => _metadata.Keys;

    public static CounterLease Granted(long limit, long remaining, TimeSpan reset) => new(true, new()
    {
        [OcelotWindowLimiter.LimitMetadata.Name] = limit,
        [OcelotWindowLimiter.RemainingMetadata.Name] = remaining,
        [OcelotWindowLimiter.ResetMetadata.Name] = reset,
    });

    public static CounterLease Refused(long limit, TimeSpan retryAfter) => new(false, new()
    {
        [OcelotWindowLimiter.LimitMetadata.Name] = limit,
        [OcelotWindowLimiter.RemainingMetadata.Name] = 0L,
        [OcelotWindowLimiter.ResetMetadata.Name] = retryAfter,
        [MetadataName.RetryAfter.Name] = retryAfter,
    });

    public override bool TryGetMetadata(string metadataName, out object? metadata) =>
        _metadata.TryGetValue(metadataName, out metadata);
}
