namespace Samples.OcelotGateway.Policies;

/// <summary>
/// One route's quality-of-service settings, in Ocelot's terms (times in the
/// configuration are milliseconds): a timeout for the downstream call, and a
/// circuit breaker that opens when, within <see cref="SamplingDuration"/> and
/// after at least <see cref="MinimumThroughput"/> calls, the share of failures
/// reaches <see cref="FailureRatio"/>; it stays open for <see cref="BreakDuration"/>.
/// </summary>
public sealed record QosRule
{
    public TimeSpan? Timeout { get; init; }

    /// <summary>0 turns the circuit breaker off, as in Ocelot.</summary>
    public int MinimumThroughput { get; init; }

    public TimeSpan BreakDuration { get; init; } = TimeSpan.FromSeconds(5);

    public double FailureRatio { get; init; } = 0.8;

    public TimeSpan SamplingDuration { get; init; } = TimeSpan.FromSeconds(10);

    public bool HasCircuitBreaker => MinimumThroughput > 0;

    public bool HasTimeout => Timeout is { } t && t > TimeSpan.Zero;

    /// <summary>
    /// The problems Polly would throw for at start-up (or at a reload), said in
    /// the configuration's own words: key and reason.
    /// </summary>
    public IEnumerable<(string Key, string Problem)> Validate()
    {
        if (HasTimeout && Timeout > TimeSpan.FromDays(1))
        {
            yield return ("Timeout", "must be at most one day (86400000 ms)");
        }

        if (!HasCircuitBreaker)
        {
            yield break;
        }

        if (MinimumThroughput < 2)
        {
            yield return ("MinimumThroughput", "must be 0 (no circuit breaker) or at least 2");
        }

        if (BreakDuration < TimeSpan.FromMilliseconds(500) || BreakDuration > TimeSpan.FromDays(1))
        {
            yield return ("BreakDuration", "must be between 500 and 86400000 ms");
        }

        if (FailureRatio is <= 0 or > 1)
        {
            yield return ("FailureRatio", "must be more than 0 and at most 1");
        }

        if (SamplingDuration < TimeSpan.FromMilliseconds(500) || SamplingDuration > TimeSpan.FromDays(1))
        {
            yield return ("SamplingDuration", "must be between 500 and 86400000 ms");
        }
    }
}
