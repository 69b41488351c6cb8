namespace Samples.Tests.ForwardProxy;

/// <summary>Responses a shared cache must never keep, whatever lifetime they claim, and requests for parts.</summary>
[Trait("Concept", "Caching")]
public sealed class CacheNeverStoreTests
{
    [Theory]
    [InlineData("Cache-Control", "private, max-age=60")]
    [InlineData("Cache-Control", "no-store, max-age=60")]
    [InlineData("Set-Cookie", "session=abc")]
    [InlineData("Vary", "*")]
    public async Task Get_ResponseMarkedNeverStore_EveryRequestReachesTheOrigin(string header, string value)
    {
        // Arrange: a lifetime that would make it cacheable, plus the one header that forbids it.
        var headers = new Dictionary<string, string> { ["Cache-Control"] = "public, max-age=60" };
        headers[header] = value;
        await using var proxy = await CacheTestProxy.StartAsync();
        var (origin, target) = proxy.StartOrigin("/mine", body: "for one user", headers: headers);

        // Act
        var (first, second) = await proxy.FetchTwiceAsync(target);

        // Assert
        first.CacheStatus().Should().Be("ForwardProxy; fwd=uri-miss");
        second.CacheStatus().Should().Be("ForwardProxy; fwd=uri-miss");
        (await second.BodyAsync()).Should().Be("for one user");
        origin.ReceivedCountFor("/mine").Should().Be(2);
    }

    [Fact]
    public async Task Get_PartialContent_IsNotStored()
    {
        // Arrange
        using var origin = WireMockBackend.Start().Stub("/video", status: 206, body: "part", headers: new Dictionary<string, string>
        {
            ["Cache-Control"] = "max-age=60",
            ["Content-Range"] = "bytes 0-3/100",
        });
        await using var proxy = await CacheTestProxy.StartAsync();
        var target = new Uri(origin.Url, "/video");

        // Act
        var (first, second) = await proxy.FetchTwiceAsync(target);

        // Assert
        second.CacheStatus().Should().Be("ForwardProxy; fwd=uri-miss");
        origin.ReceivedCountFor("/video").Should().Be(2);
    }

    [Fact]
    public async Task Get_InterimResponseBeforeTheFinalOne_OnlyTheFinalAnswerIsKept()
    {
        // Arrange: a 103 Early Hints (with its own lifetime) before the real 200; a 1xx is never an answer to keep.
        await using var origin = RawOrigin.Answering(
            "HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\nCache-Control: max-age=60\r\n\r\n" +
            "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nCache-Control: max-age=60\r\n\r\nfinal");
        await using var proxy = await CacheTestProxy.StartAsync();
        var target = new Uri($"http://127.0.0.1:{origin.Port}/hinted");

        // Act
        var (first, second) = await proxy.FetchTwiceAsync(target);

        // Assert
        ((int)second.StatusCode).Should().Be(200);
        (await second.BodyAsync()).Should().Be("final");
        second.CacheStatus().Should().StartWith("ForwardProxy; hit;");
        second.Headers.Contains("Link").Should().BeFalse("the interim answer's fields are not the stored response's");
        origin.Accepted.Should().Be(1);
    }

    [Fact]
    public async Task Get_OriginUnreachable_502StillCarriesCacheStatus()
    {
        // Arrange: a port nothing listens on.
        var closed = new Uri($"http://127.0.0.1:{FreePort.Next()}/gone");
        await using var proxy = await CacheTestProxy.StartAsync();

        // Act
        var response = await proxy.FetchAsync(closed);

        // Assert
        ((int)response.StatusCode).Should().Be(502);
        response.CacheStatus().Should().Be("ForwardProxy; fwd=uri-miss");
    }
}
