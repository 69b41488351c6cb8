using Samples.ForwardProxy;
using Samples.LoadBalancing;
using Samples.ReverseProxy;
using Samples.Tests.ForwardProxy;
using Samples.Tests.Gateway;
using Samples.Tests.ReverseProxy;

namespace Samples.Tests.Metrics;

/// <summary>
/// /metrics on each sample's admin address: the framework's own meters and the
/// concept's counters, in Prometheus' text format, and never on the proxy's listener.
/// </summary>
[Trait("Concept", "Observability")]
public sealed class MetricsEndpointTests
{
    private const string Featured = "/catalog/featured";

    [Fact]
    public async Task ReverseProxy_CachedRouteFetchedTwice_CountsAStoredMissAndAHitForTheRoute()
    {
        // Arrange
        await using var proxy = ProxyUnderTest.Start(catalog: c => c.Stub(Featured, body: "featured"));

        // Act
        (await proxy.GetAsync(Featured)).EnsureSuccessStatusCode();
        (await proxy.GetAsync(Featured)).EnsureSuccessStatusCode();
        var metrics = await AdminScrape.ScrapeAsync(proxy.Host.Services, Ct);

        // Assert
        AdminScrape.Sum(metrics, "samples_proxy_cache_results_total", "result=\"hit\"").Should().Be(1);
        AdminScrape.Sum(metrics, "samples_proxy_cache_results_total", "result=\"uri-miss\"", "stored=\"true\"").Should().Be(1);
        AdminScrape.Sum(metrics, "samples_proxy_destination_requests_total", "cluster=\"catalog\"", "destination=\"catalog-1\"").Should().Be(1);
        AdminScrape.Samples(metrics, "http_server_request_duration_seconds_count").Should().NotBeEmpty("ASP.NET Core's own meter is exported too");
    }

    [Fact]
    public async Task ReverseProxy_ProxyListener_DoesNotServeMetrics()
    {
        // Arrange
        await using var proxy = ProxyUnderTest.Start();

        // Act
        var onProxy = await proxy.GetAsync("/metrics");
        var onAdmin = await AdminScrape.ScrapeAsync(proxy.Host.Services, Ct);

        // Assert
        onProxy.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await onProxy.Content.ReadAsStringAsync(Ct)).Should().NotContain("# TYPE");
        onAdmin.Should().Contain("# TYPE");
    }

    [Fact]
    public async Task TwoSamplesInOneProcess_EachScrapeCountsOnlyItsOwnRequests()
    {
        // Arrange: meters are process-wide; each sample must keep to the instruments of its own app.
        await using var busy = ProxyUnderTest.Start(catalog: c => c.Stub(Featured, body: "featured"));
        await using var idle = ProxyUnderTest.Start(catalog: c => c.Stub(Featured, body: "featured"));

        // Act
        (await busy.GetAsync(Featured)).EnsureSuccessStatusCode();
        (await busy.GetAsync(Featured)).EnsureSuccessStatusCode();
        var busyMetrics = await AdminScrape.ScrapeAsync(busy.Host.Services, Ct);
        var idleMetrics = await AdminScrape.ScrapeAsync(idle.Host.Services, Ct);

        // Assert
        AdminScrape.Sum(busyMetrics, "samples_proxy_cache_results_total").Should().Be(2);
        AdminScrape.Sum(idleMetrics, "samples_proxy_cache_results_total").Should().Be(0);
    }

    [Fact]
    public async Task ForwardProxy_BlockedHost_CountsTheBlockByRule()
    {
        // Arrange
        await using var rig = ForwardProxyRig.Start(WireMockBackend.Start().Stub("/page", body: "never seen"), SampleHost<ForwardProxyApp>.Start(new Dictionary<string, string?> { ["ForwardProxy:Filter:BlockedHosts:0"] = "*.tracker.localhost" }), p => ProxiedClient.Create(p.BaseAddress));
        var (origin, proxy, client) = rig;

        // Act
        var blocked = await client.GetAsync(new Uri($"http://ads.tracker.localhost:{origin.Port}/page"), Ct);
        var metrics = await AdminScrape.ScrapeAsync(proxy.Services, Ct);

        // Assert
        ((int)blocked.StatusCode).Should().Be(403);
        AdminScrape.Sum(metrics, "samples_forward_proxy_filter_blocks_total", "rule=\"BlockedHosts *.tracker.localhost\"").Should().Be(1);
    }

    [Fact]
    public async Task ForwardProxy_OpenTunnel_IsCountedWhileOpenAndNotAfter()
    {
        // Arrange: a CONNECT tunnel to a plain TCP listener that stays quiet.
        using var origin = new TcpListener(IPAddress.Loopback, 0);
        origin.Start();
        var port = ((IPEndPoint)origin.LocalEndpoint).Port;
        await using var proxy = SampleHost<ForwardProxyApp>.Start(new Dictionary<string, string?> { ["ForwardProxy:AllowedConnectPorts:0"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        using var tunnel = new TcpClient();
        await tunnel.ConnectAsync(proxy.BaseAddress.Host, proxy.BaseAddress.Port, Ct);
        var stream = tunnel.GetStream();
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes($"CONNECT 127.0.0.1:{port} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n"), Ct);
        using var accepted = await origin.AcceptTcpClientAsync(Ct);
        var answer = new byte[64];
        var read = await stream.ReadAsync(answer, Ct);

        // Act
        var whileOpen = await AdminScrape.ScrapeAsync(proxy.Services, Ct);
        tunnel.Close();
        accepted.Close();
        var closed = await WaitForAsync(proxy.Services, m => AdminScrape.Sum(m, "samples_forward_proxy_tunnels_open") == 0);

        // Assert
        System.Text.Encoding.ASCII.GetString(answer, 0, read).Should().StartWith("HTTP/1.1 200");
        AdminScrape.Sum(whileOpen, "samples_forward_proxy_tunnels_open").Should().Be(1);
        closed.Should().BeTrue("the gauge goes back to 0 when the tunnel ends");
    }

    [Fact]
    public async Task Gateway_RateLimitedRoute_CountsTheRejectionsByRoute()
    {
        // Arrange: one request a minute on the route.
        using var backend = WireMockBackend.Start().Stub("/api/limited", body: "ok");
        await using var gateway = GatewayUnderTest.Start(GatewayUnderTest.Ocelot($$"""
            { "UpstreamPathTemplate": "/limited", "UpstreamHttpMethod": [ "GET" ], "DownstreamPathTemplate": "/api/limited",
              "DownstreamHostAndPorts": [ {{GatewayUnderTest.HostAndPort(backend)}} ],
              "RateLimitOptions": { "EnableRateLimiting": true, "Limit": 1, "Period": "1m", "Wait": "1m" } }
            """));
        using var client = gateway.Host.CreateClient();

        // Act
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await client.GetAsync(new Uri("/limited", UriKind.Relative), Ct);
            statuses.Add(response.StatusCode);
        }

        var metrics = await AdminScrape.ScrapeAsync(gateway.Services, Ct);

        // Assert
        statuses.Should().Equal(HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests);
        AdminScrape.Sum(metrics, "samples_proxy_rate_limit_rejections_total", "route=\"Routes[0]\"").Should().Be(2);
    }

    [Fact]
    public async Task LoadBalancing_Destinations_HaveAHealthGaugeEach()
    {
        // Arrange
        await using var balancer = SampleHost<LoadBalancingApp>.Start();

        // Act
        var metrics = await AdminScrape.ScrapeAsync(balancer.Services, Ct);

        // Assert: every destination of the sample's round-robin cluster is reported, healthy until a check says otherwise.
        var roundRobin = AdminScrape.Samples(metrics, "samples_proxy_destination_healthy").Where(s => s.Labels.Contains("cluster=\"round-robin\"")).ToList();
        roundRobin.Should().HaveCountGreaterThan(1);
        roundRobin.Should().OnlyContain(s => s.Value == 1);
    }

    private static async Task<bool> WaitForAsync(IServiceProvider services, Func<string, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            if (condition(await AdminScrape.ScrapeAsync(services, Ct)))
            {
                return true;
            }

            await Task.Delay(50, Ct);
        }

        return false;
    }
}
