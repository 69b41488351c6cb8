using Samples.OcelotGateway.Configuration;
using Yarp.ReverseProxy.Configuration;

namespace Samples.OcelotGateway.Routing;

/// <summary>
/// The configuration in force, and the bridge from YARP back to Ocelot's
/// model: each YARP route id names its Ocelot route, so middleware that runs
/// for a YARP route (auth, transforms, and the policies of Policies/) can read
/// that route's Ocelot options. Apply swaps everything in one step; it is what
/// start-up calls and what a hot reload calls with a newly loaded file.
/// </summary>
public sealed class OcelotRouteTable
{
    private readonly OcelotProxyConfigProvider _provider;
    private readonly IReadOnlyList<IOcelotRouteDecorator> _decorators;
    private long _generation;
    private volatile Snapshot _current = new(OcelotConfiguration.Empty, new Dictionary<string, OcelotRoute>());

    public OcelotRouteTable(OcelotProxyConfigProvider provider, IEnumerable<IOcelotRouteDecorator> decorators)
    {
        _provider = provider;
        _decorators = [.. decorators];
    }

    /// <summary>Raised after a new configuration is in force.</summary>
    public event Action<OcelotConfiguration>? Applied;

    public OcelotConfiguration Current => _current.Configuration;

    /// <summary>The Ocelot route behind a YARP route id (null for ids this table does not know).</summary>
    public OcelotRoute? Find(string routeId) => _current.Routes.GetValueOrDefault(routeId);

    /// <summary>Translates <paramref name="configuration"/> to YARP routes and clusters and puts them in force.</summary>
    public void Apply(OcelotConfiguration configuration)
    {
        // YARP keeps a route's endpoint and transforms when its RouteConfig is unchanged; a new generation
        // number makes every route new, so a reload that only changes auth or headers takes effect too.
        var translated = OcelotToYarp.Translate(configuration, Interlocked.Increment(ref _generation));
        var routes = translated.Routes
            .Select(r => _decorators.Aggregate(r, (current, decorator) => decorator.Decorate(configuration, translated.OcelotRoutes[r.RouteId], current)))
            .ToList();

        // The table changes before YARP hears of the new routes, so every
        // endpoint YARP builds from them finds its Ocelot route here.
        _current = new Snapshot(configuration, translated.OcelotRoutes);
        _provider.Update(routes, translated.Clusters);
        Applied?.Invoke(configuration);
    }

    private sealed record Snapshot(OcelotConfiguration Configuration, IReadOnlyDictionary<string, OcelotRoute> Routes);
}

/// <summary>
/// A hook for whatever else a route needs in YARP terms: a rate-limiter,
/// output-cache or timeout policy name, extra metadata. Register one in DI and
/// every translated route passes through it.
/// </summary>
public interface IOcelotRouteDecorator
{
    RouteConfig Decorate(OcelotConfiguration configuration, OcelotRoute route, RouteConfig yarpRoute);
}
