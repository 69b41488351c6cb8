using Microsoft.Extensions.Primitives;
using Yarp.ReverseProxy.Configuration;

namespace Samples.OcelotGateway.Routing;

/// <summary>
/// Feeds YARP the routes and clusters translated from ocelot.json. YARP asks
/// for the configuration once and then waits on the change token; Update
/// hands it a new snapshot and fires the old token, and YARP swaps routes
/// without dropping requests in flight (what a hot reload needs).
/// </summary>
public sealed class OcelotProxyConfigProvider : IProxyConfigProvider
{
    private volatile Snapshot _snapshot = new([], []);

    public IProxyConfig GetConfig() => _snapshot;

    public void Update(IReadOnlyList<RouteConfig> routes, IReadOnlyList<ClusterConfig> clusters)
    {
        var old = Interlocked.Exchange(ref _snapshot, new Snapshot(routes, clusters));
        old.SignalChange();
    }

    private sealed class Snapshot(IReadOnlyList<RouteConfig> routes, IReadOnlyList<ClusterConfig> clusters) : IProxyConfig
    {
        private readonly CancellationTokenSource _changed = new();

        public IReadOnlyList<RouteConfig> Routes { get; } = routes;

        public IReadOnlyList<ClusterConfig> Clusters { get; } = clusters;

        public IChangeToken ChangeToken => new CancellationChangeToken(_changed.Token);

        public void SignalChange() => _changed.Cancel();
    }
}
