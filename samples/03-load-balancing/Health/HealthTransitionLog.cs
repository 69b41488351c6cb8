using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.Model;

namespace Samples.LoadBalancing.Health;

/// <summary>
/// Says, in one line, when a destination leaves or rejoins the rotation and
/// why: the probe answer or the failure that decided it. YARP's health
/// policies decide; these thin wrappers around them only watch the health
/// state before and after each decision and log the change.
/// </summary>
public static partial class HealthTransitionLog
{
    /// <summary>The logger category of the health-change lines.</summary>
    public const string Category = "Samples.LoadBalancing.Health";

    /// <summary>Wraps every registered active and passive health policy (call after AddReverseProxy).</summary>
    public static IServiceCollection AddHealthTransitionLogging(this IServiceCollection services)
    {
        Decorate<IActiveHealthCheckPolicy>(services, (sp, inner) => new ActivePolicy(inner, Logger(sp)));
        Decorate<IPassiveHealthCheckPolicy>(services, (sp, inner) => new PassivePolicy(
            inner,
            Logger(sp),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<TransportFailureRateHealthPolicyOptions>>()));
        return services;
    }

    private static ILogger Logger(IServiceProvider sp) =>
        sp.GetRequiredService<ILoggerFactory>().CreateLogger(Category);

    // A hand-rolled decorator: swap each registration for one that wraps the original instance.
    private static void Decorate<TService>(IServiceCollection services, Func<IServiceProvider, TService, TService> wrap)
        where TService : class
    {
        for (var i = 0; i < services.Count; i++)
        {
            var original = services[i];
            if (original.ServiceType != typeof(TService) || original.IsKeyedService)
            {
                continue;
            }

            services[i] = ServiceDescriptor.Describe(
                typeof(TService),
                sp => wrap(sp, (TService)(original.ImplementationInstance
                    ?? original.ImplementationFactory?.Invoke(sp)
                    ?? ActivatorUtilities.CreateInstance(sp, original.ImplementationType!))),
                original.Lifetime);
        }
    }

    private sealed class ActivePolicy(IActiveHealthCheckPolicy inner, ILogger logger) : IActiveHealthCheckPolicy
    {
        public string Name => inner.Name;

        public void ProbingCompleted(ClusterState cluster, IReadOnlyList<DestinationProbingResult> probingResults)
        {
            var before = probingResults.Select(r => r.Destination.Health.Active).ToArray();
            inner.ProbingCompleted(cluster, probingResults);
            for (var i = 0; i < probingResults.Count; i++)
            {
                var result = probingResults[i];
                var after = result.Destination.Health.Active;
                if (after == before[i])
                {
                    continue;
                }

                var probe = result.Response is { } response
                    ? $"the probe answered {(int)response.StatusCode}"
                    : $"the probe failed: {result.Exception?.InnerException?.Message ?? result.Exception?.Message ?? "no answer"}";
                if (after == DestinationHealth.Unhealthy)
                {
                    LogLeft(logger, result.Destination.DestinationId, cluster.ClusterId, "active check", probe);
                }
                else if (before[i] == DestinationHealth.Unhealthy)
                {
                    LogCleared(logger, result.Destination.DestinationId, cluster.ClusterId, "active check", probe, Rotation(result.Destination));
                }
                else
                {
                    LogFirstVerdict(logger, result.Destination.DestinationId, cluster.ClusterId, after, probe);
                }
            }
        }
    }

    private sealed class PassivePolicy(IPassiveHealthCheckPolicy inner, ILogger logger, TimeProvider time, IOptions<TransportFailureRateHealthPolicyOptions> failureRate)
        : IPassiveHealthCheckPolicy
    {
        public string Name => inner.Name;

        public void RequestProxied(HttpContext context, ClusterState cluster, DestinationState destination)
        {
            var before = destination.Health.Passive;
            inner.RequestProxied(context, cluster, destination);
            if (before == DestinationHealth.Unhealthy || destination.Health.Passive != DestinationHealth.Unhealthy)
            {
                return;
            }

            var error = context.Features.Get<IForwarderErrorFeature>();
            var why = error is null
                ? "its share of failed requests in the detection window is over the limit (this request worked, older failures still count)"
                : $"its share of failed requests in the detection window is over the limit, the latest: {error.Error} ({error.Exception?.InnerException?.Message ?? error.Exception?.Message})";
            var period = ReactivationPeriod(cluster);
            LogLeft(logger, destination.DestinationId, cluster.ClusterId, "passive check", $"{why}; it sits out {period}");

            // YARP lifts a passive ejection on its own after the period; say so when it happens.
            _ = Task.Delay(period, time).ContinueWith(
                _ => LogCleared(logger, destination.DestinationId, cluster.ClusterId, "passive check", "its reactivation period is over", Rotation(destination, passiveCleared: true)),
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }

        // YARP's rule: the cluster's ReactivationPeriod (60 s when unset), but never shorter than
        // TransportFailureRate's detection window, or the old failures would eject the server again at once.
        private TimeSpan ReactivationPeriod(ClusterState cluster)
        {
            var configured = cluster.Model.Config.HealthCheck?.Passive?.ReactivationPeriod ?? TimeSpan.FromSeconds(60);
            return inner.Name == HealthCheckConstants.PassivePolicy.TransportFailureRate && failureRate.Value.DetectionWindowSize > configured
                ? failureRate.Value.DetectionWindowSize
                : configured;
        }
    }

    // A destination serves only while neither check holds it out.
    private static string Rotation(DestinationState destination, bool passiveCleared = false) =>
        destination.Health.Active == DestinationHealth.Unhealthy ? "still OUT: the active check still fails it"
        : !passiveCleared && destination.Health.Passive == DestinationHealth.Unhealthy ? "still OUT until the passive check's reactivation period ends"
        : "back IN the rotation";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Destination {Destination} of cluster {Cluster} is OUT of the rotation ({Check}): {Why}")]
    private static partial void LogLeft(ILogger logger, string destination, string cluster, string check, string why);

    [LoggerMessage(Level = LogLevel.Information, Message = "Destination {Destination} of cluster {Cluster} passed the {Check} ({Why}); {Rotation}")]
    private static partial void LogCleared(ILogger logger, string destination, string cluster, string check, string why, string rotation);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Destination {Destination} of cluster {Cluster} is {Health}: {Why}")]
    private static partial void LogFirstVerdict(ILogger logger, string destination, string cluster, DestinationHealth health, string why);
}
