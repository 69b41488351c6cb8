using System.Collections.Concurrent;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Samples.OcelotGateway.Policies;

/// <summary>
/// One Polly pipeline per route: a circuit breaker around a timeout, so a
/// timed-out call counts as a failure. A pipeline lives as long as its route's
/// settings do (a reload that leaves them alone keeps the circuit's state).
/// </summary>
public sealed class QosPipelines(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, (QosRule Rule, ResiliencePipeline<int> Pipeline)> _pipelines = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The outcome a call reports when the client went away: not the downstream's fault.</summary>
    public const int ClientClosedRequest = 499;

    public ResiliencePipeline<int> For(string routeId, QosRule rule) =>
        _pipelines.AddOrUpdate(
            routeId,
            static (_, state) => (state.rule, state.self.Build(state.rule)),
            static (_, existing, state) => existing.Rule == state.rule ? existing : (state.rule, state.self.Build(state.rule)),
            (rule, self: this)).Pipeline;

    /// <summary>Builds the pipeline; the TimeProvider drives both the timeout and the breaker's clock.</summary>
    public ResiliencePipeline<int> Build(QosRule rule)
    {
        var builder = new ResiliencePipelineBuilder<int> { TimeProvider = time };
        if (rule.HasCircuitBreaker)
        {
            builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions<int>
            {
                FailureRatio = rule.FailureRatio,
                MinimumThroughput = rule.MinimumThroughput,
                SamplingDuration = rule.SamplingDuration,
                BreakDuration = rule.BreakDuration,

                // As Ocelot: a server error or a timeout is a failure; a client that hung up is not.
                ShouldHandle = new PredicateBuilder<int>()
                    .Handle<TimeoutRejectedException>()
                    .Handle<HttpRequestException>()
                    .HandleResult(status => status >= 500),
            });
        }

        if (rule.HasTimeout)
        {
            builder.AddTimeout(rule.Timeout!.Value);
        }

        return builder.Build();
    }
}
