namespace Samples.Tests.ForwardProxy;

/// <summary>How long a stored response may answer without the origin: s-maxage, max-age, Expires, and Age on hits.</summary>
[Trait("Concept", "Caching")]
public sealed class CacheFreshnessTests
{
    [Fact]
    public async Task Get_MaxAge_MissIsStoredThenHitCarriesAge()
    {
        // Arrange
        await using var proxy = await CacheTestProxy.StartAsync();
        var (origin, target) = proxy.StartOrigin("/news", body: "today's news", headers: new Dictionary<string, string> { ["Cache-Control"] = "max-age=60" });

        // Act
        var first = await proxy.FetchAsync(target);
        proxy.Time.Advance(TimeSpan.FromSeconds(5));
        var second = await proxy.FetchAsync(target);

        // Assert
        first.CacheStatus().Should().Be("ForwardProxy; fwd=uri-miss; stored");
        first.Headers.Age.Should().BeNull();
        second.CacheStatus().Should().Be("ForwardProxy; hit; ttl=55", "max-age=60 less the 5 seconds it has been stored");
        second.Headers.Age.Should().Be(TimeSpan.FromSeconds(5));
        (await second.BodyAsync()).Should().Be("today's news");
        second.Content.Headers.ContentLength.Should().Be("today's news".Length);
        origin.ReceivedCountFor("/news").Should().Be(1, "a hit never touches the origin");
    }

    [Fact]
    public async Task Get_MaxAgePassed_GoesBackToTheOrigin()
    {
        // Arrange
        await using var proxy = await CacheTestProxy.StartAsync();
        var (origin, target) = proxy.StartOrigin("/news", body: "news", headers: new Dictionary<string, string> { ["Cache-Control"] = "max-age=60" });
        var first = await proxy.FetchAsync(target);

        // Act
        proxy.Time.Advance(TimeSpan.FromSeconds(59));
        var stillFresh = await proxy.FetchAsync(target);
        proxy.Time.Advance(TimeSpan.FromSeconds(2));
        var expired = await proxy.FetchAsync(target);

        // Assert
        stillFresh.CacheStatus().Should().StartWith("ForwardProxy; hit; ttl=");
        expired.CacheStatus().Should().Be("ForwardProxy; fwd=stale; fwd-status=200; stored");
        origin.ReceivedCountFor("/news").Should().Be(2);
    }

    [Theory]
    [InlineData("s-maxage=10, max-age=3600", 11, 2)]
    [InlineData("max-age=10, s-maxage=3600", 11, 1)]
    public async Task Get_SMaxAgeAndMaxAge_SharedCacheUsesSMaxAge(string cacheControl, int secondsLater, int originRequests)
    {
        // Arrange
        await using var proxy = await CacheTestProxy.StartAsync();
        var (origin, target) = proxy.StartOrigin("/page", body: "page", headers: new Dictionary<string, string> { ["Cache-Control"] = cacheControl });
        var first = await proxy.FetchAsync(target);

        // Act
        proxy.Time.Advance(TimeSpan.FromSeconds(secondsLater));
        var second = await proxy.FetchAsync(target);

        // Assert
        origin.ReceivedCountFor("/page").Should().Be(originRequests);
    }

    [Fact]
    public async Task Get_ExpiresWithoutMaxAge_FreshUntilExpiresMinusDate()
    {
        // Arrange: the origin's Date is the real clock's, so Expires is set from it too.
        using var origin = WireMockBackend.Start().Stub("/report", body: "report", headers: new Dictionary<string, string>
        {
            ["Expires"] = DateTimeOffset.UtcNow.AddSeconds(100).ToString("R"),
        });
        await using var proxy = await CacheTestProxy.StartAsync();
        var target = new Uri(origin.Url, "/report");
        var first = await proxy.FetchAsync(target);

        // Act
        proxy.Time.Advance(TimeSpan.FromSeconds(60));
        var beforeExpiry = await proxy.FetchAsync(target);
        proxy.Time.Advance(TimeSpan.FromSeconds(50));
        var afterExpiry = await proxy.FetchAsync(target);

        // Assert
        first.CacheStatus().Should().Be("ForwardProxy; fwd=uri-miss; stored");
        beforeExpiry.CacheStatus().Should().StartWith("ForwardProxy; hit; ttl=");
        beforeExpiry.Headers.Age.Should().Be(TimeSpan.FromSeconds(60));
        afterExpiry.CacheStatus().Should().StartWith("ForwardProxy; fwd=stale");
        origin.ReceivedCountFor("/report").Should().Be(2);
    }

    [Fact]
    public async Task Get_NoExplicitFreshness_IsNotStored()
    {
        // Arrange: no Cache-Control, no Expires: this cache uses no heuristic lifetime.
        await using var proxy = await CacheTestProxy.StartAsync();
        var (origin, target) = proxy.StartOrigin("/plain", body: "plain");

        // Act
        var (first, second) = await proxy.FetchTwiceAsync(target);

        // Assert
        first.CacheStatus().Should().Be("ForwardProxy; fwd=uri-miss");
        second.CacheStatus().Should().Be("ForwardProxy; fwd=uri-miss");
        origin.ReceivedCountFor("/plain").Should().Be(2);
    }

    [Fact]
    public async Task Head_AfterGetWasStored_IsAnsweredFromTheCacheWithoutBody()
    {
        // Arrange
        await using var proxy = await CacheTestProxy.StartAsync();
        var (origin, target) = proxy.StartOrigin("/doc", body: "a document", headers: new Dictionary<string, string> { ["Cache-Control"] = "max-age=60" });
        var get = await proxy.FetchAsync(target);

        // Act
        var head = await proxy.FetchAsync(HttpMethod.Head, target);

        // Assert
        head.CacheStatus().Should().StartWith("ForwardProxy; hit; ttl=");
        head.Content.Headers.ContentLength.Should().Be("a document".Length);
        (await head.BodyAsync()).Should().BeEmpty();
        origin.ReceivedCountFor("/doc").Should().Be(1);
    }

    [Fact]
    public async Task Get_OriginSaysAgeAlready50_EntryIsStaleTenSecondsSooner()
    {
        // Arrange: an upstream cache already held this response for 50 of its 60 seconds.
        using var origin = WireMockBackend.Start().Stub("/relayed", body: "relayed", headers: new Dictionary<string, string>
        {
            ["Cache-Control"] = "max-age=60",
            ["Age"] = "50",
        });
        await using var proxy = await CacheTestProxy.StartAsync();
        var target = new Uri(origin.Url, "/relayed");
        var first = await proxy.FetchAsync(target);

        // Act
        proxy.Time.Advance(TimeSpan.FromSeconds(5));
        var hit = await proxy.FetchAsync(target);
        proxy.Time.Advance(TimeSpan.FromSeconds(6));
        var stale = await proxy.FetchAsync(target);

        // Assert
        hit.CacheStatus().Should().StartWith("ForwardProxy; hit; ttl=");
        hit.Headers.Age.Should().Be(TimeSpan.FromSeconds(55));
        stale.CacheStatus().Should().StartWith("ForwardProxy; fwd=stale");
        origin.ReceivedCountFor("/relayed").Should().Be(2);
    }
}
