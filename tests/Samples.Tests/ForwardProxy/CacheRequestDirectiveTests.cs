namespace Samples.Tests.ForwardProxy;

/// <summary>The client's own Cache-Control: no-cache (fetch anew, may keep) and no-store (neither use nor keep).</summary>
[Trait("Concept", "Caching")]
public sealed class CacheRequestDirectiveTests
{
    private static readonly Dictionary<string, string> Cacheable = new() { ["Cache-Control"] = "max-age=60" };

    [Theory]
    [InlineData("Cache-Control", "no-cache")]
    [InlineData("Pragma", "no-cache")]
    public async Task Get_RequestNoCacheOrPragmaNoCache_FetchesFromOriginAndStoresTheAnswer(string header, string value)
    {
        // Arrange: Pragma: no-cache without Cache-Control counts as no-cache (RFC 9111 §5.4).
        await using var proxy = await CacheTestProxy.StartAsync();
        var (origin, target) = await proxy.StartOriginAndFetchOnceAsync("/prices", body: "prices", headers: Cacheable);

        // Act
        var reload = await proxy.FetchAsync(target, (header, value));
        var after = await proxy.FetchAsync(target);

        // Assert
        reload.CacheStatus().Should().Be("ForwardProxy; fwd=request; fwd-status=200; stored");
        after.CacheStatus().Should().StartWith("ForwardProxy; hit; ttl=");
        origin.ReceivedCountFor("/prices").Should().Be(2);
    }

    [Fact]
    public async Task Get_RequestNoStore_NotServedFromCacheAndNotStored()
    {
        // Arrange
        using var origin = WireMockBackend.Start()
            .Stub("/stored", body: "stored", headers: Cacheable)
            .Stub("/never", body: "never", headers: Cacheable);
        await using var proxy = await CacheTestProxy.StartAsync();
        var primed = await proxy.FetchAsync(new Uri(origin.Url, "/stored"));

        // Act
        var bypassingStored = await proxy.FetchAsync(new Uri(origin.Url, "/stored"), ("Cache-Control", "no-store"));
        var noStoreFirst = await proxy.FetchAsync(new Uri(origin.Url, "/never"), ("Cache-Control", "no-store"));
        var plainAfter = await proxy.FetchAsync(new Uri(origin.Url, "/never"));

        // Assert
        bypassingStored.CacheStatus().Should().Be("ForwardProxy; fwd=request");
        origin.ReceivedCountFor("/stored").Should().Be(2, "no-store does not use the stored response");
        noStoreFirst.CacheStatus().Should().Be("ForwardProxy; fwd=request");
        plainAfter.CacheStatus().Should().Be("ForwardProxy; fwd=uri-miss; stored", "the no-store answer was not kept");
        origin.ReceivedCountFor("/never").Should().Be(2);
    }

    [Fact]
    public async Task Get_RequestMaxAgeBelowTheEntrysAge_GoesToTheOrigin()
    {
        // Arrange
        await using var proxy = await CacheTestProxy.StartAsync();
        var (origin, target) = proxy.StartOrigin("/prices", body: "prices", headers: Cacheable);
        var first = await proxy.FetchAsync(target);
        proxy.Time.Advance(TimeSpan.FromSeconds(20));

        // Act
        var tooOld = await proxy.FetchAsync(target, ("Cache-Control", "max-age=10"));

        // Assert
        tooOld.CacheStatus().Should().Be("ForwardProxy; fwd=request; fwd-status=200; stored", "the entry is fresh by its own lifetime; the client refused it");
        origin.ReceivedCountFor("/prices").Should().Be(2);
    }

    [Fact]
    public async Task Get_RequestMaxStale_AcceptsAStaleEntryWithinIt()
    {
        // Arrange: stale by 30 seconds.
        await using var proxy = await CacheTestProxy.StartAsync();
        var (origin, target) = await proxy.StartOriginAndFetchOnceAsync("/prices", body: "prices", headers: Cacheable);
        proxy.Time.Advance(TimeSpan.FromSeconds(90));

        // Act
        var within = await proxy.FetchAsync(target, ("Cache-Control", "max-stale=60"));
        var beyond = await proxy.FetchAsync(target, ("Cache-Control", "max-stale=10"));

        // Assert
        within.CacheStatus().Should().Be("ForwardProxy; hit; ttl=-30");
        beyond.CacheStatus().Should().StartWith("ForwardProxy; fwd=stale");
        origin.ReceivedCountFor("/prices").Should().Be(2);
    }

    [Fact]
    public async Task Get_RequestMaxStaleAndMustRevalidate_NeverServedStale()
    {
        // Arrange: RFC 9111 §5.2.2.2: must-revalidate beats the client's max-stale.
        await using var proxy = await CacheTestProxy.StartAsync();
        var (origin, target) = await proxy.StartOriginAndFetchOnceAsync("/strict", body: "strict", headers: new Dictionary<string, string> { ["Cache-Control"] = "max-age=60, must-revalidate" });
        proxy.Time.Advance(TimeSpan.FromSeconds(90));

        // Act
        var response = await proxy.FetchAsync(target, ("Cache-Control", "max-stale"));

        // Assert
        response.CacheStatus().Should().StartWith("ForwardProxy; fwd=stale");
        origin.ReceivedCountFor("/strict").Should().Be(2);
    }

    [Fact]
    public async Task Get_RequestMinFresh_RefusesAnEntryAboutToExpire()
    {
        // Arrange: 10 seconds of freshness left.
        await using var proxy = await CacheTestProxy.StartAsync();
        var (origin, target) = await proxy.StartOriginAndFetchOnceAsync("/prices", body: "prices", headers: Cacheable);
        proxy.Time.Advance(TimeSpan.FromSeconds(50));

        // Act
        var enough = await proxy.FetchAsync(target, ("Cache-Control", "min-fresh=5"));
        var tooLittle = await proxy.FetchAsync(target, ("Cache-Control", "min-fresh=20"));

        // Assert
        enough.CacheStatus().Should().Be("ForwardProxy; hit; ttl=10");
        tooLittle.CacheStatus().Should().Be("ForwardProxy; fwd=request; fwd-status=200; stored");
        origin.ReceivedCountFor("/prices").Should().Be(2);
    }

    [Fact]
    public async Task Get_OnlyIfCachedWithNothingStored_504WithoutAskingTheOrigin()
    {
        // Arrange
        await using var proxy = await CacheTestProxy.StartAsync();
        var (origin, target) = proxy.StartOrigin("/prices", body: "prices", headers: Cacheable);

        // Act
        var miss = await proxy.FetchAsync(target, ("Cache-Control", "only-if-cached"));
        await proxy.FetchAsync(target);
        var hit = await proxy.FetchAsync(target, ("Cache-Control", "only-if-cached"));

        // Assert
        ((int)miss.StatusCode).Should().Be(504);
        miss.CacheStatus().Should().Be("ForwardProxy; detail=only-if-cached");
        hit.CacheStatus().Should().StartWith("ForwardProxy; hit;");
        origin.ReceivedCountFor("/prices").Should().Be(1, "only the plain request went to the origin");
    }

    [Theory]
    [InlineData("no-cache")]
    [InlineData("max-age=0")]
    public async Task Get_RequestNoCacheOrMaxAgeZero_RevalidatesWithTheStoredValidator(string directive)
    {
        // Arrange
        using var origin = WireMockBackend.Start().Stub(server =>
        {
            server.Given(Request.Create().WithPath("/tagged").UsingGet().WithHeader("If-None-Match", "\"v1\""))
                .AtPriority(1)
                .RespondWith(Response.Create().WithStatusCode(304).WithHeader("ETag", "\"v1\"").WithHeader("Cache-Control", "max-age=60"));
            server.Given(Request.Create().WithPath("/tagged").UsingGet())
                .AtPriority(10)
                .RespondWith(Response.Create().WithBody("tagged v1").WithHeader("ETag", "\"v1\"").WithHeader("Cache-Control", "max-age=60"));
        });
        await using var proxy = await CacheTestProxy.StartAsync();
        var target = new Uri(origin.Url, "/tagged");
        await proxy.FetchAsync(target);

        // Act
        var revalidated = await proxy.FetchAsync(target, ("Cache-Control", directive));

        // Assert
        revalidated.CacheStatus().Should().Be("ForwardProxy; fwd=request; fwd-status=304");
        (await revalidated.BodyAsync()).Should().Be("tagged v1");
        origin.LastHeader("If-None-Match").Should().Be("\"v1\"");
    }
}
