namespace Samples.Tests.ForwardProxy;

/// <summary>ForwardProxy:Cache:Enabled=false: every request goes to the origin and says fwd=bypass.</summary>
[Trait("Concept", "Caching")]
public sealed class CacheBypassTests
{
    [Fact]
    public async Task Get_CacheDisabled_EveryRequestReachesTheOrigin()
    {
        // Arrange
        await using var proxy = await CacheTestProxy.StartAsync(new Dictionary<string, string?> { ["Enabled"] = "false" });
        var (origin, target) = proxy.StartOrigin("/news", body: "news", headers: new Dictionary<string, string> { ["Cache-Control"] = "max-age=60" });

        // Act
        var (first, second) = await proxy.FetchTwiceAsync(target);

        // Assert
        first.CacheStatus().Should().Be("ForwardProxy; fwd=bypass");
        second.CacheStatus().Should().Be("ForwardProxy; fwd=bypass");
        origin.ReceivedCountFor("/news").Should().Be(2);
    }

    [Fact]
    public async Task OriginFormRequest_NotAProxiedRequest_GetsNoCacheStatus()
    {
        // Arrange
        await using var proxy = await CacheTestProxy.StartAsync();
        using var direct = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = proxy.Address };

        // Act
        using var response = await direct.GetAsync(new Uri("/anything", UriKind.Relative), Ct);

        // Assert
        ((int)response.StatusCode).Should().Be(404);
        response.CacheStatus().Should().BeNull();
    }
}
