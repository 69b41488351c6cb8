namespace Samples.Tests.ForwardProxy;

/// <summary>An answer to a request with Authorization is kept only when the origin says it may be shared.</summary>
[Trait("Concept", "Caching")]
public sealed class CacheAuthorizationTests
{
    [Theory]
    [InlineData("max-age=60", 2)]
    [InlineData("public, max-age=60", 1)]
    [InlineData("s-maxage=60", 1)]
    [InlineData("max-age=60, must-revalidate", 1)]
    public async Task Get_WithAuthorization_StoredOnlyWhenPublicOrSMaxAge(string cacheControl, int originRequests)
    {
        // Arrange
        await using var proxy = await CacheTestProxy.StartAsync();
        var (origin, target) = proxy.StartOrigin("/account", body: "account", headers: new Dictionary<string, string> { ["Cache-Control"] = cacheControl });

        // Act
        var (first, second) = await proxy.FetchTwiceAsync(target, ("Authorization", "Bearer alice"));

        // Assert
        origin.ReceivedCountFor("/account").Should().Be(originRequests);
        second.CacheStatus().Should().StartWith(originRequests == 1 ? "ForwardProxy; hit; ttl=" : "ForwardProxy; fwd=uri-miss");
    }
}
