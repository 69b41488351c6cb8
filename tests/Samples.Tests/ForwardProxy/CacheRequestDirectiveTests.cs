using Samples.Tests.Infrastructure;

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
        var (origin, target) = proxy.StartOrigin("/prices", body: "prices", headers: Cacheable);
        await proxy.FetchAsync(target);

        // Act
        var reload = await proxy.FetchAsync(target, (header, value));
        var after = await proxy.FetchAsync(target);

        // Assert
        reload.CacheStatus().Should().Be("ForwardProxy; fwd=request; stored");
        after.CacheStatus().Should().Be("ForwardProxy; hit");
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
        tooOld.CacheStatus().Should().Be("ForwardProxy; fwd=stale; fwd-status=200; stored");
        origin.ReceivedCountFor("/prices").Should().Be(2);
    }
}
