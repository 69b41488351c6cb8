namespace Samples.Tests.ReverseProxy;

/// <summary>
/// Backends learn who the client is, how and where it called, from headers the
/// proxy writes; whatever the client wrote in those headers is thrown away.
/// </summary>
[Trait("Concept", "ReverseProxy")]
public sealed class ForwardedHeadersTests
{
    [Fact]
    public async Task XForwarded_PlainRequest_BackendLearnsClientSchemeAndPublicHost()
    {
        // Arrange
        await using var proxy = ProxyUnderTest.Start(catalog: c => c.Stub("/catalog/items"));

        // Act
        await proxy.GetAsync("/catalog/items");
        await proxy.Catalog.SettledAsync(1, Ct);

        // Assert
        proxy.Catalog.LastHeader("X-Forwarded-For").Should().Be("127.0.0.1");
        proxy.Catalog.LastHeader("X-Forwarded-Proto").Should().Be("http");
        proxy.Catalog.LastHeader("X-Forwarded-Host").Should().Be(proxy.Host.BaseAddress.Authority);
        proxy.Catalog.LastHeader("Forwarded").Should().BeNull();
    }

    [Theory]
    [InlineData("/catalog/items", "catalog", null, null)]
    [InlineData("/orders/42", "orders", null, "/orders")]
    [InlineData("/42", "orders", "orders.localhost", null)]
    public async Task XForwarded_ClientSendsForgedValues_BackendSeesOnlyTheProxysValues(string path, string backendName, string? host, string? expectedPrefix)
    {
        // Arrange
        await using var proxy = ProxyUnderTest.Start(catalog: c => c.Stub("/*"), orders: o => o.Stub("/*"));
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        if (host is not null)
        {
            request.Headers.Host = host;
        }

        request.Headers.Add("X-Forwarded-For", "6.6.6.6");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-Host", "attacker.test");
        request.Headers.Add("X-Forwarded-Prefix", "/admin");
        request.Headers.Add("Forwarded", "for=6.6.6.6;proto=https");
        var backend = backendName == "catalog" ? proxy.Catalog : proxy.Orders;

        // Act
        await proxy.SendAsync(request);
        await backend.SettledAsync(1, Ct);

        // Assert
        backend.ReceivedCount.Should().Be(1);
        backend.LastHeader("X-Forwarded-For").Should().Be("127.0.0.1");
        backend.LastHeader("X-Forwarded-Proto").Should().Be("http");
        backend.LastHeader("X-Forwarded-Host").Should().Be(host ?? proxy.Host.BaseAddress.Authority);
        backend.LastHeader("X-Forwarded-Prefix").Should().Be(expectedPrefix);
        backend.LastHeader("Forwarded").Should().BeNull();
    }

    [Fact]
    public async Task RouteWithoutForwardingTransforms_ClientSendsForgedValues_StillReplaced()
    {
        // Arrange: a route added by configuration alone, with no transforms at all.
        await using var proxy = ProxyUnderTest.Start(
            catalog: c => c.Stub("/extra/thing"),
            settings: new Dictionary<string, string?>
            {
                ["ReverseProxy:Routes:extra:ClusterId"] = "catalog",
                ["ReverseProxy:Routes:extra:Match:Path"] = "/extra/{**rest}",
            });
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/extra/thing", UriKind.Relative));
        request.Headers.Add("X-Forwarded-For", "6.6.6.6");
        request.Headers.Add("X-Forwarded-Host", "attacker.test");

        // Act
        await proxy.SendAsync(request);
        await proxy.Catalog.SettledAsync(1, Ct);

        // Assert
        proxy.Catalog.ReceivedCountFor("/extra/thing").Should().Be(1);
        proxy.Catalog.LastHeader("X-Forwarded-For").Should().Be("127.0.0.1");
        proxy.Catalog.LastHeader("X-Forwarded-Host").Should().Be(proxy.Host.BaseAddress.Authority);
    }

    [Fact]
    public async Task Rfc7239Route_PlainRequest_BackendGetsForwardedAndNoXForwarded()
    {
        // Arrange
        await using var proxy = ProxyUnderTest.Start(catalog: c => c.Stub("/catalog/items"));

        // Act
        await proxy.GetAsync("/rfc7239/catalog/items");
        await proxy.Catalog.SettledAsync(1, Ct);

        // Assert
        var forwarded = proxy.Catalog.LastHeader("Forwarded");
        forwarded.Should().NotBeNull();
        forwarded.Should().Contain("for=127.0.0.1")
            .And.Contain("proto=http")
            .And.Contain($"host=\"{proxy.Host.BaseAddress.Authority}\"")
            .And.Contain("by=_");
        proxy.Catalog.LastHeader("X-Forwarded-For").Should().BeNull();
        proxy.Catalog.LastHeader("X-Forwarded-Host").Should().BeNull();
    }

    [Fact]
    public async Task Rfc7239Route_ClientSendsForgedHeaders_ForwardedReplacedAndXForwardedRemoved()
    {
        // Arrange
        await using var proxy = ProxyUnderTest.Start(catalog: c => c.Stub("/catalog/items"));
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/rfc7239/catalog/items", UriKind.Relative));
        request.Headers.Add("Forwarded", "for=6.6.6.6;proto=https;host=attacker.test");
        request.Headers.Add("X-Forwarded-For", "6.6.6.6");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-Host", "attacker.test");
        request.Headers.Add("X-Forwarded-Prefix", "/admin");

        // Act
        await proxy.SendAsync(request);
        await proxy.Catalog.SettledAsync(1, Ct);

        // Assert
        var forwarded = proxy.Catalog.LastHeader("Forwarded");
        forwarded.Should().Contain("for=127.0.0.1").And.NotContain("6.6.6.6").And.NotContain("attacker.test");
        proxy.Catalog.LastHeader("X-Forwarded-For").Should().BeNull();
        proxy.Catalog.LastHeader("X-Forwarded-Proto").Should().BeNull();
        proxy.Catalog.LastHeader("X-Forwarded-Host").Should().BeNull();
        proxy.Catalog.LastHeader("X-Forwarded-Prefix").Should().BeNull();
    }
}
