using Microsoft.Extensions.DependencyInjection;
using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Model;

namespace Samples.Scaffolding.Admin.RequestView;

/// <summary>
/// Every YARP destination of the sample with its health as YARP's checks see it
/// and how many of the requests in the ring went to it: the live chart of a
/// load balancer's spread (03's lesson; 02, 04 and 05 have clusters too). A
/// sample without YARP clusters (01) has none.
/// </summary>
public static class DestinationSpread
{
    public static IReadOnlyList<DestinationShare> Of(IServiceProvider sample, RequestRing ring)
    {
        if (sample.GetService<IProxyStateLookup>() is not { } state)
        {
            return [];
        }

        var recorded = ring.Snapshot();
        var shares = new List<DestinationShare>();
        foreach (var cluster in state.GetClusters().OrderBy(c => c.ClusterId, StringComparer.Ordinal))
        {
            foreach (var (id, destination) in cluster.Destinations.OrderBy(d => d.Key, StringComparer.Ordinal))
            {
                var address = destination.Model.Config.Address;
                var requests = recorded.Count(r => r.Destination is { } sent && sent.StartsWith(address, StringComparison.OrdinalIgnoreCase));
                shares.Add(new DestinationShare(cluster.ClusterId, id, address, Health(destination.Health), requests));
            }
        }

        return shares;
    }

    // Unhealthy when either check says so; healthy when one says so and neither objects; unknown until a check has run.
    private static string Health(DestinationHealthState health) =>
        health.Active == DestinationHealth.Unhealthy || health.Passive == DestinationHealth.Unhealthy ? "unhealthy"
        : health.Active == DestinationHealth.Healthy || health.Passive == DestinationHealth.Healthy ? "healthy"
        : "unknown";
}

/// <summary>One destination's line in the chart.</summary>
public sealed record DestinationShare(string Cluster, string Destination, string Address, string Health, int Requests);
