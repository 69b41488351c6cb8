using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using Samples.OcelotGateway.Routing;
using Yarp.ReverseProxy.LoadBalancing;
using Yarp.ReverseProxy.Model;

namespace Samples.OcelotGateway.LoadBalancing;

/// <summary>
/// Ocelot's CookieStickySessions: the application sets a cookie of its own
/// (LoadBalancerOptions.Key); every request carrying the same value goes to
/// the same downstream for Expiry after the value was last used. The gateway
/// reads that cookie and never writes one. YARP's session affinity is close but
/// writes its own cookie naming the destination, so this is a small policy of
/// its own: a table from cookie value to destination, its clock a TimeProvider
/// so tests can move time. Requests without the cookie, or whose pin expired
/// or whose destination left, are balanced round robin (as Ocelot does).
/// </summary>
public sealed class CookieStickySessionsPolicy(TimeProvider time) : ILoadBalancingPolicy
{
    public const string PolicyName = "OcelotCookieStickySessions";

    // Bounds on the table, so a client inventing cookie values cannot grow it without end: past the first,
    // expired pins are swept; past the second, new values are balanced without being pinned until pins expire.
    private const int SweepAbove = 10_000;
    private const int MaxPins = 100_000;

    private readonly ConcurrentDictionary<(string Cluster, string Value), Pin> _pins = new();
    private readonly ConcurrentDictionary<string, StrongBox<int>> _roundRobin = new(StringComparer.Ordinal);

    public string Name => PolicyName;

    public int Count => _pins.Count;

    public DestinationState? PickDestination(HttpContext context, ClusterState cluster, IReadOnlyList<DestinationState> availableDestinations)
    {
        if (availableDestinations.Count == 0)
        {
            return null;
        }

        var metadata = cluster.Model.Config.Metadata;
        if (metadata is null
            || !metadata.TryGetValue(OcelotToYarp.StickyCookieMetadata, out var cookieName)
            || !metadata.TryGetValue(OcelotToYarp.StickyExpiryMetadata, out var expiryText)
            || !context.Request.Cookies.TryGetValue(cookieName, out var value)
            || string.IsNullOrEmpty(value))
        {
            return NextRoundRobin(cluster.ClusterId, availableDestinations);
        }

        var expiry = TimeSpan.FromMilliseconds(long.Parse(expiryText, CultureInfo.InvariantCulture));
        var now = time.GetUtcNow();
        var key = (cluster.ClusterId, value);
        if (_pins.TryGetValue(key, out var pin) && now - pin.LastUsed < expiry)
        {
            var pinned = availableDestinations.FirstOrDefault(d => d.DestinationId == pin.DestinationId);
            if (pinned is not null)
            {
                _pins[key] = pin with { LastUsed = now };
                return pinned;
            }
        }

        var chosen = NextRoundRobin(cluster.ClusterId, availableDestinations);
        if (_pins.Count > SweepAbove)
        {
            Sweep(now);
        }

        if (_pins.Count < MaxPins)
        {
            _pins[key] = new Pin(chosen.DestinationId, now, expiry);
        }

        return chosen;
    }

    private void Sweep(DateTimeOffset now)
    {
        foreach (var (key, pin) in _pins)
        {
            if (now - pin.LastUsed >= pin.Expiry)
            {
                _pins.TryRemove(key, out _);
            }
        }
    }

    private DestinationState NextRoundRobin(string clusterId, IReadOnlyList<DestinationState> destinations)
    {
        var counter = _roundRobin.GetOrAdd(clusterId, _ => new StrongBox<int>(-1));
        var next = (uint)Interlocked.Increment(ref counter.Value);
        return destinations[(int)(next % (uint)destinations.Count)];
    }

    private sealed record Pin(string DestinationId, DateTimeOffset LastUsed, TimeSpan Expiry);
}
