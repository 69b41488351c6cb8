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
        var recorded = ring.Snapshot();
        return [.. ProxyDestinations.Of(sample).Select(d =>
        {
            var address = d.Destination.Model.Config.Address;
            var requests = recorded.Count(r => r.Destination is { } sent && sent.StartsWith(address, StringComparison.OrdinalIgnoreCase));
            return new DestinationShare(d.Cluster, d.Id, address, d.Health, requests);
        })];
    }
}

/// <summary>One destination's line in the chart.</summary>
public sealed record DestinationShare(string Cluster, string Destination, string Address, string Health, int Requests);
