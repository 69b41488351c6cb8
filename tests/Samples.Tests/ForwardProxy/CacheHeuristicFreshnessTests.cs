namespace Samples.Tests.ForwardProxy;

/// <summary>
/// RFC 9111 §4.2.2: without an explicit lifetime, a response with Last-Modified
/// is fresh for a tenth of its age, capped by Cache:MaxHeuristicLifetime.
/// </summary>
[Trait("Concept", "Caching")]
public sealed class CacheHeuristicFreshnessTests
{
    private static Dictionary<string, string> ModifiedAgo(TimeSpan ago) =>
        new() { ["Last-Modified"] = DateTimeOffset.UtcNow.Subtract(ago).ToString("R") };

    [Fact]
    public async Task LastModified1000SecondsAgo_FreshFor100SecondsAndSaysItsTtl()
    {
        // Arrange
        await using var proxy = await CacheTestProxy.StartAsync();
        var (origin, target) = proxy.StartOrigin("/guess", body: "guess", headers: ModifiedAgo(TimeSpan.FromSeconds(1000)));

        // Act
        var first = await proxy.FetchAsync(target);
        proxy.Time.Advance(TimeSpan.FromSeconds(10));
        var hit = await proxy.FetchAsync(target);
        proxy.Time.Advance(TimeSpan.FromSeconds(95));
        var stale = await proxy.FetchAsync(target);

        // Assert: one second either way, as Date and Last-Modified are whole seconds of the real clock.
        first.CacheStatus().Should().Be("ForwardProxy; fwd=uri-miss; stored");
        hit.CacheStatus().Should().MatchRegex("^ForwardProxy; hit; ttl=(89|90|91)$");
        stale.CacheStatus().Should().StartWith("ForwardProxy; fwd=stale; fwd-status=");
        origin.ReceivedCountFor("/guess").Should().Be(2, "the last request came after the heuristic lifetime");
    }

    [Fact]
    public async Task LastModifiedLongAgo_CappedByMaxHeuristicLifetime()
    {
        // Arrange: a tenth of ten days is a day; the cap is one minute.
        await using var proxy = await CacheTestProxy.StartAsync(new Dictionary<string, string?> { ["MaxHeuristicLifetime"] = "00:01:00" });
        var (origin, target) = await proxy.StartOriginAndFetchOnceAsync("/old", body: "old", headers: ModifiedAgo(TimeSpan.FromDays(10)));

        // Act
        proxy.Time.Advance(TimeSpan.FromSeconds(50));
        var hit = await proxy.FetchAsync(target);
        proxy.Time.Advance(TimeSpan.FromSeconds(20));
        var stale = await proxy.FetchAsync(target);

        // Assert
        hit.CacheStatus().Should().Be("ForwardProxy; hit; ttl=10");
        stale.CacheStatus().Should().StartWith("ForwardProxy; fwd=stale");
        origin.ReceivedCountFor("/old").Should().Be(2);
    }

    [Fact]
    public async Task MaxHeuristicLifetimeZero_TurnsHeuristicsOff()
    {
        // Arrange
        await using var proxy = await CacheTestProxy.StartAsync(new Dictionary<string, string?> { ["MaxHeuristicLifetime"] = "00:00:00" });
        var (origin, target) = proxy.StartOrigin("/off", body: "off", headers: ModifiedAgo(TimeSpan.FromDays(10)));

        // Act
        var (first, second) = await proxy.FetchTwiceAsync(target);

        // Assert
        second.CacheStatus().Should().StartWith("ForwardProxy; fwd=");
        origin.ReceivedCountFor("/off").Should().Be(2);
    }

    [Theory]
    [InlineData(404, 1)]
    [InlineData(410, 1)]
    [InlineData(501, 1)]
    [InlineData(302, 2)]
    [InlineData(307, 2)]
    [InlineData(500, 2)]
    public async Task LastModifiedOnly_GuessedLifetimeOnlyForHeuristicallyCacheableStatuses(int status, int originRequests)
    {
        // Arrange: RFC 9110 §15.1 names the statuses a cache may give a lifetime the origin did not.
        await using var proxy = await CacheTestProxy.StartAsync();
        var (origin, target) = proxy.StartOrigin("/status", status: status, body: "x", headers: ModifiedAgo(TimeSpan.FromDays(10)));

        // Act
        var (first, second) = await proxy.FetchTwiceAsync(target);

        // Assert
        origin.ReceivedCountFor("/status").Should().Be(originRequests);
    }
}
