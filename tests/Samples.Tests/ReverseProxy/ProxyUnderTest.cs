using Samples.ReverseProxy;

namespace Samples.Tests.ReverseProxy;

/// <summary>
/// Sample 02 booted with its own appsettings.json, its two clusters pointed at
/// WireMock backends on free ports (catalog and orders), and any extra settings
/// a test needs.
/// </summary>
public sealed class ProxyUnderTest : IAsyncDisposable
{
    private HttpClient? _client;

    private ProxyUnderTest(SampleHost<ReverseProxyApp> host, WireMockBackend catalog, WireMockBackend orders)
    {
        Host = host;
        Catalog = catalog;
        Orders = orders;
    }

    public SampleHost<ReverseProxyApp> Host { get; }

    public WireMockBackend Catalog { get; }

    public WireMockBackend Orders { get; }

    public static ProxyUnderTest Start(
        Action<WireMockBackend>? catalog = null,
        Action<WireMockBackend>? orders = null,
        IDictionary<string, string?>? settings = null,
        HostMode mode = HostMode.Kestrel,
        Action<IServiceCollection>? services = null)
    {
        var catalogBackend = WireMockBackend.Start();
        var ordersBackend = WireMockBackend.Start();
        catalog?.Invoke(catalogBackend);
        orders?.Invoke(ordersBackend);
        var all = new Dictionary<string, string?>
        {
            ["ReverseProxy:Clusters:catalog:Destinations:catalog-1:Address"] = catalogBackend.Url.ToString(),
            ["ReverseProxy:Clusters:orders:Destinations:orders-1:Address"] = ordersBackend.Url.ToString(),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var host = SampleHost<ReverseProxyApp>.Start(all, mode, services: services);
        return new ProxyUnderTest(host, catalogBackend, ordersBackend);
    }

    public HttpClient CreateClient() => Host.CreateClient();

    /// <summary>One shared client per proxy, for tests that only send requests and read the answers.</summary>
    public HttpClient Client => _client ??= Host.CreateClient();

    public Task<HttpResponseMessage> GetAsync(string path) =>
        Client.GetAsync(new Uri(path, UriKind.Relative), Ct);

    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request) =>
        Client.SendAsync(request, Ct);

    public async ValueTask DisposeAsync()
    {
        _client?.Dispose();
        await Host.DisposeAsync();
        Catalog.Dispose();
        Orders.Dispose();
    }
}
