namespace Samples.OcelotGateway.Configuration;

/// <summary>
/// "QoSOptions": a timeout and a circuit breaker. Ocelot gives the times in
/// milliseconds; the loader turns them into TimeSpans. Null means "not set".
/// </summary>
public sealed record OcelotQoSOptions
{
    /// <summary>How long to wait for the downstream (TimeoutValue in older files).</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Failures seen before the circuit opens (ExceptionsAllowedBeforeBreaking in older files); 0 or null: no breaker.</summary>
    public int? MinimumThroughput { get; init; }

    /// <summary>How long an open circuit stays open (DurationOfBreak in older files).</summary>
    public TimeSpan? BreakDuration { get; init; }

    /// <summary>Ratio mode: the share of failures (0..1] over SamplingDuration that opens the circuit.</summary>
    public double? FailureRatio { get; init; }

    public TimeSpan? SamplingDuration { get; init; }

    public bool HasCircuitBreaker => MinimumThroughput is > 0;
}
