namespace Samples.Tests.ForwardProxy;

/// <summary>
/// Expires, Date and Last-Modified as RFC 9110 §5.6.7 writes them (three
/// formats, nothing else), and the Age field as RFC 9111 §5.1 reads it.
/// </summary>
[Trait("Concept", "Caching")]
public sealed class CacheDateParsingTests
{
    [Theory]
    [InlineData("Thu, 18 Aug 2050 02:01:18 GMT")]
    [InlineData("Thursday, 18-Aug-50 02:01:18 GMT")]
    [InlineData("Thu Aug 18 02:01:18 2050")]
    public async Task Expires_EachOfTheThreeHttpDateFormats_KeepsTheResponseFresh(string expires)
    {
        // Arrange
        await using var proxy = await CacheTestProxy.StartAsync();
        var (origin, target) = proxy.StartOrigin("/dated", body: "dated", headers: new Dictionary<string, string> { ["Expires"] = expires });

        // Act
        var (first, second) = await proxy.FetchTwiceAsync(target);

        // Assert
        first.CacheStatus().Should().Be("ForwardProxy; fwd=uri-miss; stored");
        second.CacheStatus().Should().StartWith("ForwardProxy; hit; ttl=");
        origin.ReceivedCountFor("/dated").Should().Be(1);
    }

    [Theory]
    [InlineData("Thu, 18 Aug 2050 2:01:18 GMT")]
    [InlineData("Thu, 18-Aug-2050 02:01:18 GMT")]
    [InlineData("Thu, 18  Aug  2050 02:01:18 GMT")]
    [InlineData("THU, 18 Aug 2050 02:01:18 GMT")]
    [InlineData("Thu, 18 Aug 2050 02:01:18 UTC")]
    [InlineData("0")]
    [InlineData("next tuesday")]
    public async Task Expires_NotAnHttpDate_MeansAlreadyExpired(string expires)
    {
        // Arrange: RFC 9111 §5.3: an invalid Expires is a time in the past, never "fresh".
        await using var proxy = await CacheTestProxy.StartAsync();
        var (origin, target) = proxy.StartOrigin("/sloppy", body: "sloppy", headers: new Dictionary<string, string> { ["Expires"] = expires });

        // Act
        var (first, second) = await proxy.FetchTwiceAsync(target);

        // Assert
        second.CacheStatus().Should().Be("ForwardProxy; fwd=uri-miss", "stale on arrival, with no validator, it was not kept");
        origin.ReceivedCountFor("/sloppy").Should().Be(2);
    }

    [Theory]
    [InlineData("1200a")]
    [InlineData("-5")]
    [InlineData("7200.0")]
    [InlineData("0, 0")]
    public async Task Age_NotExactlyOneDeltaSeconds_TreatedAsStale(string age)
    {
        // Arrange: an age the cache cannot be sure of; the safe reading is "stale" (revalidate).
        await using var proxy = await CacheTestProxy.StartAsync();
        var (origin, target) = proxy.StartOrigin("/aged", body: "aged", headers: new Dictionary<string, string> { ["Cache-Control"] = "max-age=600", ["Age"] = age });

        // Act
        var (first, second) = await proxy.FetchTwiceAsync(target);

        // Assert
        second.CacheStatus().Should().StartWith("ForwardProxy; fwd=stale");
        origin.ReceivedCountFor("/aged").Should().Be(2);
    }

    [Fact]
    public async Task Age_OnTwoLines_TreatedAsStale()
    {
        // Arrange: Age 0 twice: a list where one value belongs, so the age is not known.
        using var origin = WireMockBackend.Start().Stub(server => server
            .Given(Request.Create().WithPath("/twice").UsingGet())
            .RespondWith(Response.Create().WithBody("twice").WithHeader("Cache-Control", "max-age=3600").WithHeader("Age", "0", "0")));
        await using var proxy = await CacheTestProxy.StartAsync();
        var target = new Uri(origin.Url, "/twice");

        // Act
        var (first, second) = await proxy.FetchTwiceAsync(target);

        // Assert
        second.CacheStatus().Should().StartWith("ForwardProxy; fwd=stale");
        origin.ReceivedCountFor("/twice").Should().Be(2);
    }

    [Fact]
    public async Task CacheControl_DuplicatedMaxAgeOnTwoLines_TheFirstCounts()
    {
        // Arrange
        using var origin = WireMockBackend.Start().Stub(server => server
            .Given(Request.Create().WithPath("/dup").UsingGet())
            .RespondWith(Response.Create().WithBody("dup").WithHeader("Cache-Control", "max-age=1800", "max-age=1")));
        await using var proxy = await CacheTestProxy.StartAsync();
        var target = new Uri(origin.Url, "/dup");
        await proxy.FetchAsync(target);
        proxy.Time.Advance(TimeSpan.FromSeconds(60));

        // Act
        var later = await proxy.FetchAsync(target);

        // Assert
        later.CacheStatus().Should().StartWith("ForwardProxy; hit; ttl=");
        origin.ReceivedCountFor("/dup").Should().Be(1);
    }
}
