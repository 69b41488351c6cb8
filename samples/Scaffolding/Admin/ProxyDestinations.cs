using Microsoft.Extensions.DependencyInjection;
using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Model;

namespace Samples.Scaffolding.Admin;

/// <summary>
/// Every YARP destination of a sample, cluster by cluster in name order, with its
/// health as YARP's checks see it: what the live view's chart and the metrics'
/// health gauge both show. A sample without YARP clusters (01) has none.
/// </summary>
public static class ProxyDestinations
{
    public const string Healthy = "healthy";
    public const string Unhealthy = "unhealthy";
    public const string Unknown = "unknown";

    public static IEnumerable<(string Cluster, string Id, DestinationState Destination, string Health)> Of(IServiceProvider sample)
    {
        if (sample.GetService<IProxyStateLookup>() is not { } state)
        {
            yield break;
        }

        foreach (var cluster in state.GetClusters().OrderBy(c => c.ClusterId, StringComparer.Ordinal))
        {
            foreach (var (id, destination) in cluster.Destinations.OrderBy(d => d.Key, StringComparer.Ordinal))
            {
                yield return (cluster.ClusterId, id, destination, Health(destination.Health));
            }
        }
    }

    // Unhealthy when either check says so; healthy when one says so and neither objects; unknown until a check has run.
    private static string Health(DestinationHealthState health) =>
        health.Active == DestinationHealth.Unhealthy || health.Passive == DestinationHealth.Unhealthy ? Unhealthy
        : health.Active == DestinationHealth.Healthy || health.Passive == DestinationHealth.Healthy ? Healthy
        : Unknown;
}
