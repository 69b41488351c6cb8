using Samples.ForwardProxy;
using Samples.LoadBalancing;
using Samples.OcelotGateway;
using Samples.ReverseProxy;
using Samples.Tests.ForwardProxy;
using Samples.Tests.Gateway;

namespace Samples.Tests.Streaming;

/// <summary>
/// One of the proxying samples (01, 02, 03, 05) started on Kestrel in front of
/// one test backend, with a client that reaches the backend through it and the
/// address at which each sample shows a backend path: 01 as a forward proxy
/// (absolute-form http:// URLs), 02 under /catalog/ (and its cached route
/// /catalog/featured), 03 under /round-robin/, 05 under an Ocelot route
/// /stream/{everything} (and /cached/{everything}, with CacheOptions).
/// </summary>
public sealed class ProxyInFront : IAsyncDisposable
{
    public const string ForwardProxy = "01-forward-proxy";
    public const string ReverseProxy = "02-reverse-proxy";
    public const string LoadBalancing = "03-load-balancing";
    public const string Gateway = "05-ocelot-gateway";

    private static readonly string[] Destinations = ["alpha", "beta", "gamma"];

    private static readonly string[] BalancedClusters = ["round-robin", "weighted", "least-requests", "power-of-two", "random", "first", "sticky"];

    private readonly IAsyncDisposable _host;
    private readonly Uri _backend;

    private ProxyInFront(string sample, IAsyncDisposable host, Uri proxy, Uri backend, HttpClient client)
    {
        Sample = sample;
        _host = host;
        Proxy = proxy;
        _backend = backend;
        Client = client;
    }

    public string Sample { get; }

    /// <summary>The sample's own listening address.</summary>
    public Uri Proxy { get; }

    /// <summary>A client whose requests go through the sample (for 01, configured to use it as its proxy).</summary>
    public HttpClient Client { get; }

    /// <summary>Starts <paramref name="sample"/> with every destination it routes to set to <paramref name="backend"/>.</summary>
    public static ProxyInFront Start(string sample, Uri backend)
    {
        var address = backend.ToString();
        switch (sample)
        {
            case ForwardProxy:
                {
                    var host = SampleHost<ForwardProxyApp>.Start();
                    return new ProxyInFront(sample, host, host.BaseAddress, backend, ProxiedClient.Create(host.BaseAddress));
                }

            case ReverseProxy:
                {
                    var host = SampleHost<ReverseProxyApp>.Start(new Dictionary<string, string?>
                    {
                        ["ReverseProxy:Clusters:catalog:Destinations:catalog-1:Address"] = address,
                        ["ReverseProxy:Clusters:orders:Destinations:orders-1:Address"] = address,
                    });
                    return new ProxyInFront(sample, host, host.BaseAddress, backend, host.CreateClient());
                }

            case LoadBalancing:
                {
                    var settings = BalancedClusters
                        .SelectMany(c => Destinations.Select(d => $"ReverseProxy:Clusters:{c}:Destinations:{d}:Address"))
                        .ToDictionary(k => k, _ => (string?)address);
                    var host = SampleHost<LoadBalancingApp>.Start(settings);
                    return new ProxyInFront(sample, host, host.BaseAddress, backend, host.CreateClient());
                }

            case Gateway:
                {
                    var downstream = $$"""[ { "Host": "127.0.0.1", "Port": {{backend.Port}} } ]""";
                    var gateway = GatewayUnderTest.Start(GatewayUnderTest.Ocelot(
                        $$"""{ "UpstreamPathTemplate": "/stream/{everything}", "DownstreamPathTemplate": "/stream/{everything}", "DownstreamHostAndPorts": {{downstream}} }, """
                        + $$"""{ "UpstreamPathTemplate": "/cached/{everything}", "DownstreamPathTemplate": "/cached/{everything}", "DownstreamHostAndPorts": {{downstream}}, "CacheOptions": { "TtlSeconds": 60 } }"""));
                    return new ProxyInFront(sample, gateway, gateway.BaseAddress, backend, gateway.CreateClient());
                }

            default:
                throw new ArgumentOutOfRangeException(nameof(sample), sample, "not a proxying sample");
        }
    }

    /// <summary>Where the client asks for the backend's <paramref name="stream"/> ("events" or "chunks") through the sample.</summary>
    public Uri Address(string stream) => Sample switch
    {
        ForwardProxy => new Uri(_backend, stream),
        ReverseProxy => new Uri(Proxy, "catalog/" + stream),
        LoadBalancing => new Uri(Proxy, "round-robin/" + stream),
        _ => new Uri(Proxy, "stream/" + stream),
    };

    /// <summary>An address on a route the sample caches (01's cache covers every URL; 02's cached route answers events).</summary>
    public Uri CachedAddress => Sample switch
    {
        ForwardProxy => new Uri(_backend, "cached/events"),
        ReverseProxy => new Uri(Proxy, "catalog/featured"),
        Gateway => new Uri(Proxy, "cached/events"),
        _ => throw new InvalidOperationException($"{Sample} has no cache"),
    };

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _host.DisposeAsync();
    }
}
