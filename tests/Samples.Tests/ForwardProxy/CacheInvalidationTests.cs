using Samples.Tests.Infrastructure;

namespace Samples.Tests.ForwardProxy;

/// <summary>Methods never cached say fwd=method; a successful unsafe one drops what is stored for its URI.</summary>
[Trait("Concept", "Caching")]
public sealed class CacheInvalidationTests
{
    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("PATCH")]
    public async Task UnsafeMethod_Succeeds_StoredResponseForItsUriIsDropped(string method)
    {
        // Arrange
        using var origin = WireMockBackend.Start()
            .Stub("/cart", body: "cart", headers: new Dictionary<string, string> { ["Cache-Control"] = "max-age=60" })
            .Stub("/cart", status: 204, method: method);
        await using var proxy = await CacheTestProxy.StartAsync();
        using var client = proxy.CreateClient();
        var target = new Uri(origin.Url, "/cart");
        using var primed = await client.FetchAsync(target);
        using var hit = await client.FetchAsync(target);

        // Act
        using var change = await client.FetchAsync(new HttpMethod(method), target);
        using var after = await client.FetchAsync(target);

        // Assert
        hit.CacheStatus().Should().Be("ForwardProxy; hit");
        change.CacheStatus().Should().Be("ForwardProxy; fwd=method");
        after.CacheStatus().Should().Be("ForwardProxy; fwd=uri-miss; stored");
        origin.Received.Count(e => e.RequestMessage?.Method == "GET").Should().Be(2);
    }

    [Fact]
    public async Task Post_Fails_StoredResponseStays()
    {
        // Arrange
        using var origin = WireMockBackend.Start()
            .Stub("/cart", body: "cart", headers: new Dictionary<string, string> { ["Cache-Control"] = "max-age=60" })
            .Stub("/cart", status: 500, method: "POST");
        await using var proxy = await CacheTestProxy.StartAsync();
        using var client = proxy.CreateClient();
        var target = new Uri(origin.Url, "/cart");
        using var primed = await client.FetchAsync(target);

        // Act
        using var failed = await client.FetchAsync(HttpMethod.Post, target);
        using var after = await client.FetchAsync(target);

        // Assert
        ((int)failed.StatusCode).Should().Be(500);
        after.CacheStatus().Should().Be("ForwardProxy; hit");
    }

    [Fact]
    public async Task Post_WithSameOriginLocation_DropsTheLocationToo()
    {
        // Arrange
        using var origin = WireMockBackend.Start()
            .Stub("/orders/7", body: "order 7", headers: new Dictionary<string, string> { ["Cache-Control"] = "max-age=60" })
            .Stub("/orders", status: 201, method: "POST", headers: new Dictionary<string, string> { ["Location"] = "/orders/7" });
        await using var proxy = await CacheTestProxy.StartAsync();
        using var client = proxy.CreateClient();
        using var primed = await client.FetchAsync(new Uri(origin.Url, "/orders/7"));

        // Act
        using var created = await client.FetchAsync(HttpMethod.Post, new Uri(origin.Url, "/orders"));
        using var after = await client.FetchAsync(new Uri(origin.Url, "/orders/7"));

        // Assert
        after.CacheStatus().Should().Be("ForwardProxy; fwd=uri-miss; stored");
        origin.ReceivedCountFor("/orders/7").Should().Be(2);
    }

    [Fact]
    public async Task Options_NeverCached_SaysFwdMethod()
    {
        // Arrange
        using var origin = WireMockBackend.Start().Stub("/api", method: "OPTIONS", headers: new Dictionary<string, string> { ["Cache-Control"] = "max-age=60" });
        await using var proxy = await CacheTestProxy.StartAsync();
        using var client = proxy.CreateClient();
        var target = new Uri(origin.Url, "/api");

        // Act
        using var first = await client.FetchAsync(HttpMethod.Options, target);
        using var second = await client.FetchAsync(HttpMethod.Options, target);

        // Assert
        second.CacheStatus().Should().Be("ForwardProxy; fwd=method");
        origin.ReceivedCountFor("/api").Should().Be(2);
    }
}
