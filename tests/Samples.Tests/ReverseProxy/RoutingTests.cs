namespace Samples.Tests.ReverseProxy;

/// <summary>Clients know one address; routes pick the backend by path or host and rewrite the path on the way.</summary>
[Trait("Concept", "ReverseProxy")]
public sealed class RoutingTests
{
    [Fact]
    public async Task CatalogRoute_PathUnderCatalog_ReachesCatalogWithPathAndQueryUnchanged()
    {
        // Arrange
        await using var proxy = ProxyUnderTest.Start(catalog: c => c.Stub("/catalog/items", body: "from catalog"));

        // Act
        var response = await proxy.GetAsync("/catalog/items?page=2");

        // Assert
        (await response.Content.ReadAsStringAsync(Ct)).Should().Be("from catalog");
        await proxy.Catalog.SettledAsync(1, Ct);
        proxy.Catalog.LastReceived!.RequestMessage!.Url.Should().EndWith("/catalog/items?page=2");
        proxy.Orders.ReceivedCount.Should().Be(0);
    }

    [Fact]
    public async Task OrdersRoute_PrefixedPath_ReachesOrdersWithPrefixRemoved()
    {
        // Arrange
        await using var proxy = ProxyUnderTest.Start(orders: o => o.Stub("/42", body: "order 42"));

        // Act
        var response = await proxy.GetAsync("/orders/42");

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(Ct)).Should().Be("order 42");
        await proxy.Orders.SettledAsync(1, Ct);
        proxy.Orders.ReceivedCountFor("/42").Should().Be(1);
        proxy.Orders.LastHeader("X-Forwarded-Prefix").Should().Be("/orders");
        proxy.Catalog.ReceivedCount.Should().Be(0);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/catalog/items")]
    public async Task HostRoute_OrdersLocalhost_ReachesOrdersWhateverThePath(string path)
    {
        // Arrange
        await using var proxy = ProxyUnderTest.Start(orders: o => o.Stub("/*", body: "orders by host"));
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Host = "orders.localhost";

        // Act
        var response = await proxy.SendAsync(request);

        // Assert
        (await response.Content.ReadAsStringAsync(Ct)).Should().Be("orders by host");
        await proxy.Orders.SettledAsync(1, Ct);
        proxy.Orders.ReceivedCountFor(path).Should().Be(1);
        proxy.Orders.LastHeader("X-Forwarded-Host").Should().Be("orders.localhost");
        proxy.Catalog.ReceivedCount.Should().Be(0);
    }

    [Fact]
    public async Task Rfc7239Route_PrefixedPath_ReachesCatalogWithPrefixRemoved()
    {
        // Arrange
        await using var proxy = ProxyUnderTest.Start(catalog: c => c.Stub("/catalog/items", body: "from catalog"));

        // Act
        var response = await proxy.GetAsync("/rfc7239/catalog/items");

        // Assert
        (await response.Content.ReadAsStringAsync(Ct)).Should().Be("from catalog");
        await proxy.Catalog.SettledAsync(1, Ct);
        proxy.Catalog.ReceivedCountFor("/catalog/items").Should().Be(1);
    }

    [Fact]
    public async Task Healthz_ProxyUp_AnswersItselfWithoutAnyBackend()
    {
        // Arrange
        await using var proxy = ProxyUnderTest.Start();

        // Act
        var response = await proxy.GetAsync("/healthz");

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        proxy.Catalog.ReceivedCount.Should().Be(0);
        proxy.Orders.ReceivedCount.Should().Be(0);
    }
}
