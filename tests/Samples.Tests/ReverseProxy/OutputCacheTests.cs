namespace Samples.Tests.ReverseProxy;

/// <summary>
/// The operator names an output-cache policy on a route; repeats are answered
/// at the proxy without the backend hearing of them, and Cache-Status says
/// which answer was which.
/// </summary>
[Trait("Concept", "Caching")]
public sealed class OutputCacheTests
{
    private const string Featured = "/catalog/featured";

    [Fact]
    public async Task CachedRoute_SecondGet_ServedFromCacheWithoutBackendRequest()
    {
        // Arrange
        var renders = 0;
        await using var proxy = ProxyUnderTest.Start(catalog: c => c.Stub(s => s
            .Given(Request.Create().WithPath(Featured).UsingGet())
            .RespondWith(Response.Create().WithBody(_ => $"render {Interlocked.Increment(ref renders)}"))));

        // Act
        var first = await proxy.GetAsync(Featured);
        var firstBody = await first.Content.ReadAsStringAsync(Ct);
        var second = await proxy.GetAsync(Featured);
        var secondBody = await second.Content.ReadAsStringAsync(Ct);

        // Assert
        firstBody.Should().Be("render 1");
        secondBody.Should().Be("render 1");
        await proxy.Catalog.SettledAsync(1, Ct);
        proxy.Catalog.ReceivedCountFor(Featured).Should().Be(1);
        first.CacheStatus().Should().Be("ReverseProxy; fwd=uri-miss; stored");
        second.CacheStatus().Should().Be("ReverseProxy; hit");
        second.Headers.Age.Should().NotBeNull();
    }

    [Fact]
    public async Task CachedRoute_ConditionalRequestMatchingStoredETag_304FromCacheReportedAsHit()
    {
        // Arrange
        await using var proxy = ProxyUnderTest.Start(catalog: c => c.Stub(Featured, body: "featured", headers: new Dictionary<string, string>
        {
            ["ETag"] = "\"v1\"",
        }));
        await proxy.GetAsync(Featured);
        using var conditional = new HttpRequestMessage(HttpMethod.Get, new Uri(Featured, UriKind.Relative));
        conditional.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"v1\""));

        // Act
        var response = await proxy.SendAsync(conditional);

        // Assert
        response.StatusCode.Should().Be(System.Net.HttpStatusCode.NotModified);
        response.CacheStatus().Should().Be("ReverseProxy; hit");
        await proxy.Catalog.SettledAsync(1, Ct);
        proxy.Catalog.ReceivedCountFor(Featured).Should().Be(1);
    }

    [Fact]
    public async Task CachedRoute_PolicyIgnoresBackendHeaders_BackendsNoStoreDoesNotCount()
    {
        // Arrange: the operator's explicit override (nginx's proxy_ignore_headers): the policy's Duration alone decides.
        await using var proxy = ProxyUnderTest.Start(
            catalog: c => c.Stub(Featured, body: "featured", headers: new Dictionary<string, string>
            {
                ["Cache-Control"] = "no-store",
            }),
            settings: new Dictionary<string, string?> { ["OutputCachePolicies:featured:IgnoreBackendHeaders"] = "true" });

        // Act
        await proxy.GetAsync(Featured);
        var second = await proxy.GetAsync(Featured);

        // Assert
        second.CacheStatus().Should().Be("ReverseProxy; hit");
        await proxy.Catalog.SettledAsync(1, Ct);
        proxy.Catalog.ReceivedCountFor(Featured).Should().Be(1);
    }

    [Fact]
    public async Task CachedRoute_BackendSetsCookie_NotStoredAndHeaderSaysSo()
    {
        // Arrange
        await using var proxy = ProxyUnderTest.Start(catalog: c => c.Stub(Featured, body: "personal", headers: new Dictionary<string, string>
        {
            ["Set-Cookie"] = "session=abc; Path=/",
        }));

        // Act
        var first = await proxy.GetAsync(Featured);
        var second = await proxy.GetAsync(Featured);

        // Assert
        first.CacheStatus().Should().Be("ReverseProxy; fwd=uri-miss");
        second.CacheStatus().Should().Be("ReverseProxy; fwd=uri-miss");
        await proxy.Catalog.SettledAsync(2, Ct);
        proxy.Catalog.ReceivedCountFor(Featured).Should().Be(2);
    }

    [Fact]
    public async Task CachedRoute_BackendError_NotStoredAndRetriedNextTime()
    {
        // Arrange
        await using var proxy = ProxyUnderTest.Start(catalog: c => c.Stub(Featured, status: 500, body: "oops"));

        // Act
        var first = await proxy.GetAsync(Featured);
        var second = await proxy.GetAsync(Featured);

        // Assert
        ((int)first.StatusCode).Should().Be(500);
        second.CacheStatus().Should().Be("ReverseProxy; fwd=uri-miss");
        await proxy.Catalog.SettledAsync(2, Ct);
        proxy.Catalog.ReceivedCountFor(Featured).Should().Be(2);
    }

    [Fact]
    public async Task CachedRoute_RequestWithCredentials_BypassesCache()
    {
        // Arrange
        await using var proxy = ProxyUnderTest.Start(catalog: c => c.Stub(Featured, body: "featured"));
        proxy.Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "token");

        // Act
        var first = await proxy.GetAsync(Featured);
        var second = await proxy.GetAsync(Featured);

        // Assert
        first.CacheStatus().Should().Be("ReverseProxy; fwd=bypass");
        second.CacheStatus().Should().Be("ReverseProxy; fwd=bypass");
        await proxy.Catalog.SettledAsync(2, Ct);
        proxy.Catalog.ReceivedCountFor(Featured).Should().Be(2);
    }

    [Fact]
    public async Task CachedRoute_Post_AlwaysForwardedWithMethodReason()
    {
        // Arrange
        await using var proxy = ProxyUnderTest.Start(catalog: c => c.Stub(Featured, method: "POST", body: "posted"));
        using var client = proxy.CreateClient();

        // Act
        var first = await client.PostAsync(new Uri(Featured, UriKind.Relative), new StringContent("a"), Ct);
        var second = await client.PostAsync(new Uri(Featured, UriKind.Relative), new StringContent("a"), Ct);

        // Assert
        first.CacheStatus().Should().Be("ReverseProxy; fwd=method");
        second.CacheStatus().Should().Be("ReverseProxy; fwd=method");
        await proxy.Catalog.SettledAsync(2, Ct);
        proxy.Catalog.ReceivedCountFor(Featured).Should().Be(2);
    }

    [Fact]
    public async Task UncachedRoute_RepeatedGet_EveryRequestReachesBackendAndNoCacheStatus()
    {
        // Arrange
        await using var proxy = ProxyUnderTest.Start(catalog: c => c.Stub("/catalog/items", body: "items"));

        // Act
        await proxy.GetAsync("/catalog/items");
        var second = await proxy.GetAsync("/catalog/items");

        // Assert
        second.Headers.Contains("Cache-Status").Should().BeFalse();
        await proxy.Catalog.SettledAsync(2, Ct);
        proxy.Catalog.ReceivedCountFor("/catalog/items").Should().Be(2);
    }

    [Fact]
    public async Task CachedRoute_ConcurrentFirstRequests_BackendAskedOnceAndOthersReportHits()
    {
        // Arrange: the cache holds the others back while the first fetch runs, then serves them the stored answer.
        await using var proxy = ProxyUnderTest.Start(catalog: c => c.Stub(Featured, body: "featured", delay: TimeSpan.FromMilliseconds(500)));

        // Act
        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => proxy.GetAsync(Featured)));

        // Assert
        await proxy.Catalog.SettledAsync(1, Ct);
        proxy.Catalog.ReceivedCountFor(Featured).Should().Be(1);
        var statuses = responses.Select(r => r.Headers.GetValues("Cache-Status").Single()).ToList();
        statuses.Count(s => s == "ReverseProxy; fwd=uri-miss; stored").Should().Be(1);
        statuses.Count(s => s == "ReverseProxy; hit").Should().Be(3);
    }
}
