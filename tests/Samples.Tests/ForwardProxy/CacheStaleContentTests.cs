namespace Samples.Tests.ForwardProxy;

/// <summary>
/// RFC 5861: stale-while-revalidate serves the stale copy at once and refreshes
/// it in the background; stale-if-error serves it when the origin fails;
/// must-revalidate and proxy-revalidate forbid both.
/// </summary>
[Trait("Concept", "Caching")]
public sealed class CacheStaleContentTests
{
    [Fact]
    public async Task StaleWhileRevalidate_ServesStaleAtOnceAndRevalidatesOnceInTheBackground()
    {
        // Arrange: stale by 10 seconds, within the 60 the origin allows.
        await using var proxy = await CacheTestProxy.StartAsync();
        var (origin, target) = await proxy.StartOriginAndFetchOnceAsync("/feed", body: "feed v1", headers: new Dictionary<string, string> { ["Cache-Control"] = "max-age=60, stale-while-revalidate=60" });
        origin.Server.Reset();
        origin.Stub("/feed", body: "feed v2", headers: new Dictionary<string, string> { ["Cache-Control"] = "max-age=60, stale-while-revalidate=60" });
        proxy.Time.Advance(TimeSpan.FromSeconds(70));

        // Act
        var stale = await proxy.FetchAsync(target);
        await origin.ReceivedAtLeastAsync(1, Ct);
        var refreshed = await WaitForBodyAsync(proxy, target, "feed v2");

        // Assert
        stale.CacheStatus().Should().Be("ForwardProxy; hit; ttl=-10; detail=stale-while-revalidate");
        (await stale.BodyAsync()).Should().Be("feed v1");
        refreshed.CacheStatus().Should().StartWith("ForwardProxy; hit; ttl=");
        origin.ReceivedCountFor("/feed").Should().Be(1, "one background request, whatever the clients did meanwhile");
    }

    [Fact]
    public async Task StaleIfError_OriginAnswers500_StaleCopyServedInstead()
    {
        // Arrange
        await using var proxy = await CacheTestProxy.StartAsync();
        var (origin, target) = await proxy.StartOriginAndFetchOnceAsync("/menu", body: "menu", headers: new Dictionary<string, string> { ["Cache-Control"] = "max-age=60, stale-if-error=600" });
        origin.Server.Reset();
        origin.Stub("/menu", status: 500, body: "database down");
        proxy.Time.Advance(TimeSpan.FromSeconds(90));

        // Act
        var response = await proxy.FetchAsync(target);

        // Assert
        ((int)response.StatusCode).Should().Be(200);
        (await response.BodyAsync()).Should().Be("menu");
        response.CacheStatus().Should().Be("ForwardProxy; fwd=stale; fwd-status=500; ttl=-30; detail=stale-if-error");
        response.Headers.Age.Should().Be(TimeSpan.FromSeconds(90));
    }

    [Fact]
    public async Task StaleIfError_OriginUnreachable_StaleCopyServedInstead()
    {
        // Arrange: the origin goes away after the first answer.
        await using var proxy = await CacheTestProxy.StartAsync();
        var origin = WireMockBackend.Start().Stub("/menu", body: "menu", headers: new Dictionary<string, string> { ["Cache-Control"] = "max-age=60, stale-if-error=600" });
        var target = new Uri(origin.Url, "/menu");
        await proxy.FetchAsync(target);
        origin.Dispose();
        proxy.Time.Advance(TimeSpan.FromSeconds(90));

        // Act
        var response = await proxy.FetchAsync(target);

        // Assert
        ((int)response.StatusCode).Should().Be(200);
        (await response.BodyAsync()).Should().Be("menu");
        response.CacheStatus().Should().StartWith("ForwardProxy; fwd=stale; fwd-status=502;");
    }

    [Theory]
    [InlineData("max-age=60, stale-if-error=600, must-revalidate")]
    [InlineData("max-age=60, stale-if-error=600, proxy-revalidate")]
    public async Task StaleIfError_WithMustRevalidate_TheErrorGoesThrough(string cacheControl)
    {
        // Arrange
        await using var proxy = await CacheTestProxy.StartAsync();
        var (origin, target) = await proxy.StartOriginAndFetchOnceAsync("/menu", body: "menu", headers: new Dictionary<string, string> { ["Cache-Control"] = cacheControl });
        origin.Server.Reset();
        origin.Stub("/menu", status: 500, body: "database down");
        proxy.Time.Advance(TimeSpan.FromSeconds(90));

        // Act
        var response = await proxy.FetchAsync(target);

        // Assert
        ((int)response.StatusCode).Should().Be(500);
        response.CacheStatus().Should().Be("ForwardProxy; fwd=stale; fwd-status=500");
    }

    [Fact]
    public async Task StaleWhileRevalidate_WithMustRevalidate_GoesToTheOriginFirst()
    {
        // Arrange
        await using var proxy = await CacheTestProxy.StartAsync();
        var (origin, target) = await proxy.StartOriginAndFetchOnceAsync("/feed", body: "feed", headers: new Dictionary<string, string> { ["Cache-Control"] = "max-age=60, stale-while-revalidate=60, must-revalidate" });
        proxy.Time.Advance(TimeSpan.FromSeconds(70));

        // Act
        var response = await proxy.FetchAsync(target);

        // Assert
        response.CacheStatus().Should().Be("ForwardProxy; fwd=stale; fwd-status=200; stored");
        origin.ReceivedCountFor("/feed").Should().Be(2);
    }

    /// <summary>Asks until the background revalidation's answer is the one stored (it lands just after the origin saw the request).</summary>
    private static async Task<HttpResponseMessage> WaitForBodyAsync(CacheTestProxy proxy, Uri target, string body)
    {
        for (var attempt = 0; ; attempt++)
        {
            var response = await proxy.FetchAsync(target, ("Cache-Control", "only-if-cached"));
            if (await response.BodyAsync() == body || attempt == 50)
            {
                return response;
            }

            await Task.Delay(100, Ct);
        }
    }
}
