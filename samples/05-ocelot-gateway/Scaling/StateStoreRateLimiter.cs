using System.Threading.RateLimiting;

namespace Samples.OcelotGateway.Scaling;

/// <summary>
/// The gateway's global limiter: the shared one when Gateway:Redis is set,
/// the in-memory one otherwise. The choice waits for the first request, since
/// ASP.NET Core builds its limiter options before the settings are checked.
/// </summary>
public sealed class StateStoreRateLimiter(GatewayStateStore state, PartitionedRateLimiter<HttpContext> local, Func<SharedRateLimiter> shared)
    : PartitionedRateLimiter<HttpContext>
{
    private readonly Lazy<PartitionedRateLimiter<HttpContext>> _inForce = new(() => state.IsShared ? shared() : local);

    public override RateLimiterStatistics? GetStatistics(HttpContext resource) => _inForce.Value.GetStatistics(resource);

    protected override RateLimitLease AttemptAcquireCore(HttpContext resource, int permitCount) =>
        _inForce.Value.AttemptAcquire(resource, permitCount);

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(HttpContext resource, int permitCount, CancellationToken cancellationToken) =>
        _inForce.Value.AcquireAsync(resource, permitCount, cancellationToken);
}
