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
        var target = new Uri(origin.Url, "/cart");
        var (primed, hit) = await proxy.FetchTwiceAsync(target);

        // Act
        var change = await proxy.FetchAsync(new HttpMethod(method), target);
        var after = await proxy.FetchAsync(target);

        // Assert
        hit.CacheStatus().Should().StartWith("ForwardProxy; hit; ttl=");
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
        var target = new Uri(origin.Url, "/cart");
        var primed = await proxy.FetchAsync(target);

        // Act
        var failed = await proxy.FetchAsync(HttpMethod.Post, target);
        var after = await proxy.FetchAsync(target);

        // Assert
        ((int)failed.StatusCode).Should().Be(500);
        after.CacheStatus().Should().StartWith("ForwardProxy; hit; ttl=");
    }

    [Theory]
    [InlineData("Location")]
    [InlineData("Content-Location")]
    public async Task Post_WithSameOriginLocationOrContentLocation_DropsThatUriToo(string header)
    {
        // Arrange
        using var origin = WireMockBackend.Start()
            .Stub("/orders/7", body: "order 7", headers: new Dictionary<string, string> { ["Cache-Control"] = "max-age=60" })
            .Stub("/orders", status: 201, method: "POST", headers: new Dictionary<string, string> { [header] = "/orders/7" });
        await using var proxy = await CacheTestProxy.StartAsync();
        var primed = await proxy.FetchAsync(new Uri(origin.Url, "/orders/7"));

        // Act
        var created = await proxy.FetchAsync(HttpMethod.Post, new Uri(origin.Url, "/orders"));
        var after = await proxy.FetchAsync(new Uri(origin.Url, "/orders/7"));

        // Assert
        after.CacheStatus().Should().Be("ForwardProxy; fwd=uri-miss; stored");
        origin.ReceivedCountFor("/orders/7").Should().Be(2);
    }

    [Fact]
    public async Task Post_WithLocationOnAnotherOrigin_LeavesThatUriStored()
    {
        // Arrange: one origin may not invalidate another's responses (RFC 9111 §4.4).
        using var stored = WireMockBackend.Start().Stub("/orders/7", body: "order 7", headers: new Dictionary<string, string> { ["Cache-Control"] = "max-age=60" });
        var elsewhere = new Uri(stored.Url, "/orders/7").AbsoluteUri;
        using var other = WireMockBackend.Start().Stub("/orders", status: 201, method: "POST", headers: new Dictionary<string, string> { ["Location"] = elsewhere });
        await using var proxy = await CacheTestProxy.StartAsync();
        var primed = await proxy.FetchAsync(new Uri(stored.Url, "/orders/7"));

        // Act
        var created = await proxy.FetchAsync(HttpMethod.Post, new Uri(other.Url, "/orders"));
        var after = await proxy.FetchAsync(new Uri(stored.Url, "/orders/7"));

        // Assert
        after.CacheStatus().Should().StartWith("ForwardProxy; hit;");
        stored.ReceivedCountFor("/orders/7").Should().Be(1);
    }

    [Fact]
    public async Task Options_NeverCached_SaysFwdMethod()
    {
        // Arrange
        await using var proxy = await CacheTestProxy.StartAsync();
        var (origin, target) = proxy.StartOrigin("/api", method: "OPTIONS", headers: new Dictionary<string, string> { ["Cache-Control"] = "max-age=60" });

        // Act
        var first = await proxy.FetchAsync(HttpMethod.Options, target);
        var second = await proxy.FetchAsync(HttpMethod.Options, target);

        // Assert
        second.CacheStatus().Should().Be("ForwardProxy; fwd=method");
        origin.ReceivedCountFor("/api").Should().Be(2);
    }
}
