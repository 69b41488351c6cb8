namespace Samples.Tests.ForwardProxy;

/// <summary>
/// RFC 9111 §3: which statuses may be kept. Any final status with a lifetime
/// from the origin; must-understand limits that to the statuses this cache knows.
/// </summary>
[Trait("Concept", "Caching")]
public sealed class CacheStatusCodeTests
{
    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    [InlineData(400)]
    [InlineData(299)]
    public async Task Get_AnyFinalStatusWithMaxAge_IsStored(int status)
    {
        // Arrange: the origin said how long this answer holds, whatever it is.
        await using var proxy = await CacheTestProxy.StartAsync();
        var (origin, target) = proxy.StartOrigin("/status", status: status, body: "x", headers: new Dictionary<string, string> { ["Cache-Control"] = "max-age=60" });

        // Act
        var (first, second) = await proxy.FetchTwiceAsync(target);

        // Assert
        ((int)second.StatusCode).Should().Be(status);
        second.CacheStatus().Should().StartWith("ForwardProxy; hit;");
        origin.ReceivedCountFor("/status").Should().Be(1);
    }

    [Fact]
    public async Task Get_UnknownStatusWithMustUnderstand_IsNotStored()
    {
        // Arrange
        await using var proxy = await CacheTestProxy.StartAsync();
        var (origin, target) = proxy.StartOrigin("/odd", status: 599, body: "x", headers: new Dictionary<string, string> { ["Cache-Control"] = "max-age=60, must-understand, no-store" });

        // Act
        var (first, second) = await proxy.FetchTwiceAsync(target);

        // Assert
        origin.ReceivedCountFor("/odd").Should().Be(2);
    }

    [Fact]
    public async Task Get_KnownStatusWithMustUnderstandAndNoStore_IsStored()
    {
        // Arrange: no-store is there for caches that do not know must-understand (RFC 9111 §5.2.2.3).
        await using var proxy = await CacheTestProxy.StartAsync();
        var (origin, target) = proxy.StartOrigin("/known", body: "x", headers: new Dictionary<string, string> { ["Cache-Control"] = "max-age=60, must-understand, no-store" });

        // Act
        var (first, second) = await proxy.FetchTwiceAsync(target);

        // Assert
        second.CacheStatus().Should().StartWith("ForwardProxy; hit;");
        origin.ReceivedCountFor("/known").Should().Be(1);
    }

    [Fact]
    public async Task Get_UnknownStatusPublicWithLastModified_GetsAHeuristicLifetime()
    {
        // Arrange: public lets a heuristic lifetime stand for any status (RFC 9111 §4.2.2).
        await using var proxy = await CacheTestProxy.StartAsync();
        var (origin, target) = proxy.StartOrigin("/odd", status: 599, body: "x", headers: new Dictionary<string, string>
        {
            ["Cache-Control"] = "public",
            ["Last-Modified"] = DateTimeOffset.UtcNow.AddDays(-1).ToString("R"),
        });

        // Act
        var (first, second) = await proxy.FetchTwiceAsync(target);

        // Assert
        second.CacheStatus().Should().StartWith("ForwardProxy; hit;");
        origin.ReceivedCountFor("/odd").Should().Be(1);
    }
}
