using System.Threading.RateLimiting;
using Samples.OcelotGateway.Policies;

namespace Samples.OcelotGateway.Scaling;

/// <summary>
/// Fixed-window counters kept outside the gateway's process, so that every
/// instance counts against the same window. While <see cref="IsAvailable"/>
/// is false the gateway counts in its own memory instead (the in-memory
/// limiter, which stays the default when no shared store is configured).
/// </summary>
public interface IRateLimitCounterStore
{
    bool IsAvailable { get; }

    /// <summary>
    /// Counts <paramref name="permitCount"/> requests against the window kept
    /// under <paramref name="key"/>, by <paramref name="rule"/> (Limit per
    /// Period, then a refusal lasting Wait), in one atomic step.
    /// </summary>
    ValueTask<RateLimitLease> AcquireAsync(string key, RateLimitRule rule, int permitCount, CancellationToken cancellationToken);
}
