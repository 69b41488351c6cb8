using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Configuration;

namespace Samples.Scaffolding;

/// <summary>
/// Points the proxy at the demo backends' real ports. The sample's configuration
/// (appsettings.json, ocelot.json) names fixed loopback ports such as 5201, the
/// ones you would give your own servers; the demo backends listen where the OS
/// put them. This YARP config filter rewrites, on every load and reload, each
/// destination on a loopback host and a demo backend's configured port to that
/// backend's real address. With no demo backends running it changes nothing.
/// </summary>
public sealed class DemoDestinations : IProxyConfigFilter
{
    private volatile IReadOnlyDictionary<int, DemoBackend> _byConfiguredPort = new Dictionary<int, DemoBackend>();

    /// <summary>The backends now running, each standing in for the address its configured port names.</summary>
    public void PointAt(IEnumerable<DemoBackend> backends) =>
        _byConfiguredPort = backends.Where(b => b.ConfiguredPort > 0).ToDictionary(b => b.ConfiguredPort);

    /// <summary>The real address for <paramref name="address"/>, or the address itself when no demo backend stands behind it.</summary>
    public string Resolve(string address)
    {
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri)
            || !uri.IsLoopback
            || !_byConfiguredPort.TryGetValue(uri.Port, out var backend)
            || backend.Port == 0)
        {
            return address;
        }

        return new UriBuilder(uri) { Scheme = backend.Scheme, Port = backend.Port }.Uri.ToString();
    }

    public ValueTask<ClusterConfig> ConfigureClusterAsync(ClusterConfig cluster, CancellationToken cancel)
    {
        if (cluster.Destinations is null || _byConfiguredPort.Count == 0)
        {
            return ValueTask.FromResult(cluster);
        }

        var destinations = cluster.Destinations.ToDictionary(
            d => d.Key,
            d => d.Value with { Address = Resolve(d.Value.Address), Health = d.Value.Health is { } health ? Resolve(health) : null },
            StringComparer.OrdinalIgnoreCase);
        return ValueTask.FromResult(cluster with { Destinations = destinations });
    }

    public ValueTask<RouteConfig> ConfigureRouteAsync(RouteConfig route, ClusterConfig? cluster, CancellationToken cancel) =>
        ValueTask.FromResult(route);

    /// <summary>
    /// After the backends started: a proxy that read its "ReverseProxy" section
    /// already (YARP reads it when the app maps it) reads it again, and this waits
    /// until every destination it holds names the real ports, so the first request
    /// (the tour's, or yours) already goes to the right place.
    /// </summary>
    internal async Task ApplyAsync(WebApplication app, IReadOnlyList<DemoBackend> backends, CancellationToken cancellationToken)
    {
        PointAt(backends);
        if (_byConfiguredPort.Count == 0 || app.Services.GetService<IProxyStateLookup>() is not { } state || !state.GetClusters().Any())
        {
            return;
        }

        ((IConfigurationRoot)app.Configuration).Reload();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        while (NamesAConfiguredPort(state))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), timeout.Token);
        }
    }

    private bool NamesAConfiguredPort(IProxyStateLookup state) =>
        state.GetClusters()
            .SelectMany(c => c.Destinations.Values)
            .Any(d => Resolve(d.Model.Config.Address) != d.Model.Config.Address);
}
