using System.Threading.RateLimiting;

namespace Samples.OcelotGateway.Policies;

/// <summary>
/// The counter behind one client on one route: a fixed window of
/// <see cref="RateLimitRule.Limit"/> requests per <see cref="RateLimitRule.Period"/>,
/// and, once a request goes over, a refusal that lasts <see cref="RateLimitRule.Wait"/>.
/// </summary>
/// <remarks>
/// Written by hand on purpose. The BCL's <see cref="FixedWindowRateLimiter"/>
/// reads the system clock (it takes no <see cref="TimeProvider"/>, so a test
/// would have to sleep through real windows) and has no notion of Ocelot's
/// Wait, the penalty that starts when the limit is hit. Deriving from
/// <see cref="RateLimiter"/> keeps it pluggable into ASP.NET Core's
/// rate-limiting middleware all the same.
/// </remarks>
public sealed class OcelotWindowLimiter(RateLimitRule rule, TimeProvider time) : RateLimiter
{
    /// <summary>How many requests the window allows.</summary>
    public static readonly MetadataName<long> LimitMetadata = new("X-RateLimit-Limit");

    /// <summary>How many are left in the current window.</summary>
    public static readonly MetadataName<long> RemainingMetadata = new("X-RateLimit-Remaining");

    /// <summary>How long until the window starts again.</summary>
    public static readonly MetadataName<TimeSpan> ResetMetadata = new("X-RateLimit-Reset");

    private readonly Lock _gate = new();
    private DateTimeOffset? _windowStart;
    private long _count;
    private DateTimeOffset? _blockedUntil;
    private DateTimeOffset _lastUse = time.GetUtcNow();

    public RateLimitRule Rule { get; } = rule;

    public override TimeSpan? IdleDuration
    {
        get
        {
            var now = time.GetUtcNow();
            return IsIdle(now) ? now - _lastUse : null;
        }
    }

    /// <summary>True once nothing this counter remembers matters any more (window over, no refusal running).</summary>
    public bool IsIdle(DateTimeOffset now)
    {
        lock (_gate)
        {
            return (_blockedUntil is not { } until || now >= until)
                && (_windowStart is not { } start || now >= start + Rule.Period);
        }
    }

    public override RateLimiterStatistics? GetStatistics()
    {
        lock (_gate)
        {
            return new RateLimiterStatistics { CurrentAvailablePermits = Math.Max(0, Rule.Limit - _count) };
        }
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            _lastUse = now;

            // A client serving its Wait is refused without touching the window.
            if (_blockedUntil is { } until)
            {
                if (now < until)
                {
                    return Lease.Refused(Rule.Limit, until - now);
                }

                _blockedUntil = null;
                _windowStart = null;
            }

            // The window opens with the first request and lasts one Period.
            if (_windowStart is not { } start || now >= start + Rule.Period)
            {
                _windowStart = start = now;
                _count = 0;
            }

            var windowEnd = start + Rule.Period;
            if (permitCount == 0 || _count + permitCount <= Rule.Limit)
            {
                _count += permitCount;
                return Lease.Granted(Rule.Limit, Rule.Limit - _count, windowEnd - now);
            }

            // Over the limit: Ocelot makes the client wait Wait from now;
            // without a Wait, the refusal lasts until the window ends.
            _blockedUntil = Rule.Wait > TimeSpan.Zero ? now + Rule.Wait : windowEnd;
            return Lease.Refused(Rule.Limit, _blockedUntil.Value - now);
        }
    }

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AttemptAcquireCore(permitCount));

    /// <summary>A lease that carries what the X-RateLimit-* headers and Retry-After need.</summary>
    private sealed class Lease : RateLimitLease
    {
        private readonly Dictionary<string, object?> _metadata;

        private Lease(bool acquired, Dictionary<string, object?> metadata)
        {
            IsAcquired = acquired;
            _metadata = metadata;
        }

        public override bool IsAcquired { get; }

        public override IEnumerable<string> MetadataNames => _metadata.Keys;

        public static Lease Granted(long limit, long remaining, TimeSpan reset) => new(true, new()
        {
            [LimitMetadata.Name] = limit,
            [RemainingMetadata.Name] = remaining,
            [ResetMetadata.Name] = reset,
        });

        public static Lease Refused(long limit, TimeSpan retryAfter) => new(false, new()
        {
            [LimitMetadata.Name] = limit,
            [RemainingMetadata.Name] = 0L,
            [ResetMetadata.Name] = retryAfter,
            [MetadataName.RetryAfter.Name] = retryAfter,
        });

        public override bool TryGetMetadata(string metadataName, out object? metadata) =>
            _metadata.TryGetValue(metadataName, out metadata);
    }
}
