using Samples.Tests.ReverseProxy;

namespace Samples.Tests.Metrics;

/// <summary>A real Prometheus scrapes a sample's admin address, and its own API shows the concept's counter.</summary>
[Trait("Concept", "Observability")]
public sealed class PrometheusScrapeTests
{
    [Fact]
    public async Task Prometheus_ScrapesReverseProxy_CacheHitArrivesWithItsRoute()
    {
        // Arrange
        await using var proxy = ProxyUnderTest.Start(catalog: c => c.Stub("/catalog/featured", body: "featured"));
        (await proxy.GetAsync("/catalog/featured")).EnsureSuccessStatusCode();
        (await proxy.GetAsync("/catalog/featured")).EnsureSuccessStatusCode();
        using var prometheus = await PrometheusServer.StartAsync([AdminScrape.AdminAddress(proxy.Host.Services)], Ct);

        // Act
        var hits = await prometheus.QueryUntilFoundAsync("samples_proxy_cache_results_total{result=\"hit\"}", TimeSpan.FromSeconds(30), Ct);

        // Assert
        hits.Should().ContainSingle(prometheus.Log);
        hits[0].Labels.Should().Contain("job", "samples");
        hits[0].Labels.Should().ContainKey("route");
        hits[0].Value.Should().Be("1");
    }
}
