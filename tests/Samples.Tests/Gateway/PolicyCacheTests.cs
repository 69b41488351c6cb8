using Samples.OcelotGateway.Policies;

namespace Samples.Tests.Gateway;

/// <summary>CacheOptions on ASP.NET Core output caching, with a fake clock for the TTL.</summary>
[Trait("Concept", "Gateway")]
public sealed class PolicyCacheTests
{
    private static readonly Uri Products = new("/shop/products?page=1", UriKind.Relative);

    [Fact]
    public async Task Cache_RepeatedGet_HitWithoutDownstreamCall()
    {
        // Arrange
        using var backend = WireMockBackend.Start().Stub("/shop/products", body: "[\"tea\"]");
        await using var gateway = await PolicyTestGateway.StartAsync([CachedRoute(backend, TimeSpan.FromSeconds(30))]);
        using var client = gateway.CreateClient();

        // Act
        var first = await client.GetAsync(Products, Ct);
        var second = await client.GetAsync(Products, Ct);

        // Assert
        first.CacheStatus().Should().Be("OcelotGateway; fwd=uri-miss; stored");
        second.CacheStatus().Should().Be("OcelotGateway; hit");
        (await second.Content.ReadAsStringAsync(Ct)).Should().Be("[\"tea\"]");
        backend.ReceivedCountFor("/shop/products").Should().Be(1);
    }

    [Fact]
    public async Task Cache_TtlPassed_AsksTheDownstreamAgain()
    {
        // Arrange
        using var backend = WireMockBackend.Start().Stub("/shop/products", body: "[]");
        await using var gateway = await PolicyTestGateway.StartAsync([CachedRoute(backend, TimeSpan.FromSeconds(30))]);
        using var client = gateway.CreateClient();
        await client.GetAsync(Products, Ct);

        // Act
        gateway.Time.Advance(TimeSpan.FromSeconds(29));
        var beforeExpiry = await client.GetAsync(Products, Ct);
        gateway.Time.Advance(TimeSpan.FromSeconds(1));
        var afterExpiry = await client.GetAsync(Products, Ct);

        // Assert
        beforeExpiry.CacheStatus().Should().Be("OcelotGateway; hit");
        afterExpiry.CacheStatus().Should().Be("OcelotGateway; fwd=uri-miss; stored");
        backend.ReceivedCountFor("/shop/products").Should().Be(2);
    }

    [Fact]
    public async Task Cache_HeaderOption_VariesTheKeyByThatHeader()
    {
        // Arrange
        using var backend = WireMockBackend.Start().Stub("/shop/products", body: "[]");
        await using var gateway = await PolicyTestGateway.StartAsync([CachedRoute(backend, TimeSpan.FromMinutes(1), header: "X-Tenant")]);
        using var client = gateway.CreateClient();

        // Act
        var a1 = await SendAsync(client, HttpMethod.Get, ("X-Tenant", "a"));
        var b1 = await SendAsync(client, HttpMethod.Get, ("X-Tenant", "b"));
        var a2 = await SendAsync(client, HttpMethod.Get, ("X-Tenant", "a"));

        // Assert
        b1.CacheStatus().Should().Be("OcelotGateway; fwd=uri-miss; stored");
        a2.CacheStatus().Should().Be("OcelotGateway; hit");
        a1.StatusCode.Should().Be(HttpStatusCode.OK);
        backend.ReceivedCountFor("/shop/products").Should().Be(2);
    }

    [Fact]
    public async Task Cache_ContentHashing_SameBodyHitsOtherBodyMisses()
    {
        // Arrange
        using var backend = WireMockBackend.Start().Stub("/shop/products", body: "{\"total\":3}", method: "POST");
        await using var gateway = await PolicyTestGateway.StartAsync([CachedRoute(backend, TimeSpan.FromMinutes(1), hashing: true)]);
        using var client = gateway.CreateClient();

        // Act
        var first = await PostAsync(client, "{\"q\":\"tea\"}");
        var same = await PostAsync(client, "{\"q\":\"tea\"}");
        var other = await PostAsync(client, "{\"q\":\"cake\"}");

        // Assert
        first.CacheStatus().Should().Be("OcelotGateway; fwd=uri-miss; stored");
        same.CacheStatus().Should().Be("OcelotGateway; hit");
        other.CacheStatus().Should().Be("OcelotGateway; fwd=uri-miss; stored");
        backend.ReceivedCountFor("/shop/products").Should().Be(2);
        backend.Received.Select(e => e.RequestMessage?.Body).Should().Equal("{\"q\":\"tea\"}", "{\"q\":\"cake\"}");
    }

    [Fact]
    public async Task Cache_PostWithoutContentHashing_IsNeverCached()
    {
        // Arrange
        using var backend = WireMockBackend.Start().Stub("/shop/products", body: "{}", method: "POST");
        await using var gateway = await PolicyTestGateway.StartAsync([CachedRoute(backend, TimeSpan.FromMinutes(1))]);
        using var client = gateway.CreateClient();

        // Act
        await PostAsync(client, "{}");
        var second = await PostAsync(client, "{}");

        // Assert
        second.CacheStatus().Should().Be("OcelotGateway; fwd=method");
        backend.ReceivedCountFor("/shop/products").Should().Be(2);
    }

    [Fact]
    public async Task Cache_AdminDeletesRegion_NextGetGoesDownstream()
    {
        // Arrange
        using var backend = WireMockBackend.Start().Stub("/shop/products", body: "[]");
        await using var gateway = await PolicyTestGateway.StartAsync([CachedRoute(backend, TimeSpan.FromMinutes(1))]);
        using var client = gateway.CreateClient();
        await client.GetAsync(Products, Ct);
        var region = new Uri("/admin/outputcache/products", UriKind.Relative);

        // Act
        var anonymous = await client.DeleteAsync(region, Ct);
        var notAdmin = await DeleteAsAsync(client, region, "user");
        var stillCached = await client.GetAsync(Products, Ct);
        var admin = await DeleteAsAsync(client, region, "admin");
        var afterClear = await client.GetAsync(Products, Ct);

        // Assert
        anonymous.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        notAdmin.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        stillCached.CacheStatus().Should().Be("OcelotGateway; hit");
        admin.StatusCode.Should().Be(HttpStatusCode.NoContent);
        afterClear.CacheStatus().Should().Be("OcelotGateway; fwd=uri-miss; stored");
        backend.ReceivedCountFor("/shop/products").Should().Be(2);
    }

    [Fact]
    public async Task Cache_DownstreamError_IsNotStored()
    {
        // Arrange
        using var backend = WireMockBackend.Start().Stub("/shop/products", status: 500, body: "boom");
        await using var gateway = await PolicyTestGateway.StartAsync([CachedRoute(backend, TimeSpan.FromMinutes(1))]);
        using var client = gateway.CreateClient();

        // Act
        await client.GetAsync(Products, Ct);
        var second = await client.GetAsync(Products, Ct);

        // Assert
        second.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        second.CacheStatus().Should().Be("OcelotGateway; fwd=uri-miss");
        backend.ReceivedCountFor("/shop/products").Should().Be(2);
    }

    private static PolicyTestRoute CachedRoute(WireMockBackend backend, TimeSpan ttl, string? header = null, bool hashing = false) =>
        PolicyTestGateway.Route("shop", "/shop", backend.Url, cache: new CacheRule { Ttl = ttl, Region = "products", Header = header, EnableContentHashing = hashing });

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(method, Products);
        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }

        return await client.SendAsync(request, Ct);
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string json)
    {
        using var content = new StringContent(json, new MediaTypeHeaderValue("application/json"));
        return await client.PostAsync(Products, content, Ct);
    }

    private static async Task<HttpResponseMessage> DeleteAsAsync(HttpClient client, Uri path, string role)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, path);
        request.Headers.Authorization = new AuthenticationHeaderValue(PolicyTestAuthHandler.SchemeName, role);
        return await client.SendAsync(request, Ct);
    }
}
