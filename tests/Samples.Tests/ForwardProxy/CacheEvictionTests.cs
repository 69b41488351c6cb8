namespace Samples.Tests.ForwardProxy;

/// <summary>The cache is bounded in entries and in bytes; past either bound the least recently used goes first.</summary>
[Trait("Concept", "Caching")]
public sealed class CacheEvictionTests
{
    private static readonly Dictionary<string, string> Cacheable = new() { ["Cache-Control"] = "max-age=600" };

    [Fact]
    public async Task Store_MaxEntriesReached_LeastRecentlyUsedIsEvicted()
    {
        // Arrange
        using var origin = WireMockBackend.Start().Stub("/a", body: "a", headers: Cacheable).Stub("/b", body: "b", headers: Cacheable).Stub("/c", body: "c", headers: Cacheable);
        await using var proxy = await CacheTestProxy.StartAsync(new Dictionary<string, string?> { ["MaxEntries"] = "2" });
        Uri At(string path) => new(origin.Url, path);
        var a = await proxy.FetchAsync(At("/a"));
        var b = await proxy.FetchAsync(At("/b"));
        var aUsed = await proxy.FetchAsync(At("/a"));

        // Act: a third entry pushes out the one used longest ago, /b.
        var c = await proxy.FetchAsync(At("/c"));
        var aAfter = await proxy.FetchAsync(At("/a"));
        var bAfter = await proxy.FetchAsync(At("/b"));

        // Assert
        aAfter.CacheStatus().Should().StartWith("ForwardProxy; hit; ttl=");
        bAfter.CacheStatus().Should().Be("ForwardProxy; fwd=uri-miss; stored");
        origin.ReceivedCountFor("/a").Should().Be(1);
        origin.ReceivedCountFor("/b").Should().Be(2);
    }

    [Fact]
    public async Task Store_MaxBytesReached_LeastRecentlyUsedIsEvicted()
    {
        // Arrange: each entry is about 1.2 kB (a 1000-byte body plus headers), so two fit in 2700 bytes, three do not.
        using var origin = WireMockBackend.Start()
            .Stub("/a", body: new string('a', 1000), headers: Cacheable)
            .Stub("/b", body: new string('b', 1000), headers: Cacheable)
            .Stub("/c", body: new string('c', 1000), headers: Cacheable);
        await using var proxy = await CacheTestProxy.StartAsync(new Dictionary<string, string?> { ["MaxBytes"] = "2700", ["MaxBodyBytes"] = "2000" });
        Uri At(string path) => new(origin.Url, path);
        var a = await proxy.FetchAsync(At("/a"));
        var b = await proxy.FetchAsync(At("/b"));

        // Act
        var c = await proxy.FetchAsync(At("/c"));
        var bAfter = await proxy.FetchAsync(At("/b"));
        var cAfter = await proxy.FetchAsync(At("/c"));
        var aAfter = await proxy.FetchAsync(At("/a"));

        // Assert
        bAfter.CacheStatus().Should().StartWith("ForwardProxy; hit; ttl=");
        cAfter.CacheStatus().Should().StartWith("ForwardProxy; hit; ttl=");
        aAfter.CacheStatus().Should().Be("ForwardProxy; fwd=uri-miss; stored", "/a was the least recently used when /c needed room");
        origin.ReceivedCountFor("/a").Should().Be(2);
    }
}
