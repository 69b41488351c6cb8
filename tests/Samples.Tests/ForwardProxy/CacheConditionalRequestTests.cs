namespace Samples.Tests.ForwardProxy;

/// <summary>A client that revalidates its own copy (If-None-Match, If-Modified-Since) is answered 304 by the cache.</summary>
[Trait("Concept", "Caching")]
public sealed class CacheConditionalRequestTests
{
    private const string LastModified = "Tue, 01 Sep 2026 10:00:00 GMT";

    private static readonly Dictionary<string, string> Validated = new()
    {
        ["Cache-Control"] = "max-age=60",
        ["ETag"] = "\"v1\"",
        ["Last-Modified"] = LastModified,
    };

    [Theory]
    [InlineData("If-None-Match", "\"v1\"", 304)]
    [InlineData("If-None-Match", "W/\"v1\"", 304)]
    [InlineData("If-None-Match", "\"v0\", \"v1\"", 304)]
    [InlineData("If-None-Match", "\"v0\"", 200)]
    [InlineData("If-Modified-Since", LastModified, 304)]
    [InlineData("If-Modified-Since", "Mon, 31 Aug 2026 10:00:00 GMT", 200)]
    public async Task Get_FreshEntryAndClientConditional_AnsweredByTheCache(string header, string value, int expectedStatus)
    {
        // Arrange
        await using var proxy = await CacheTestProxy.StartAsync();
        var (origin, target) = proxy.StartOrigin("/app.js", body: "code", headers: Validated);
        var primed = await proxy.FetchAsync(target);

        // Act
        var response = await proxy.FetchAsync(target, (header, value));

        // Assert
        ((int)response.StatusCode).Should().Be(expectedStatus);
        response.CacheStatus().Should().StartWith("ForwardProxy; hit; ttl=");
        (await response.BodyAsync()).Should().Be(expectedStatus == 304 ? string.Empty : "code");
        response.Headers.ETag!.Tag.Should().Be("\"v1\"");
        origin.ReceivedCountFor("/app.js").Should().Be(1);
    }

    [Theory]
    [InlineData(1, 304)]
    [InlineData(-1, 200)]
    public async Task Get_IfModifiedSinceAndNoLastModified_ComparedWithTheStoredDate(int hoursFromNow, int expectedStatus)
    {
        // Arrange: without Last-Modified, the stored response's Date stands in for it (RFC 9111 §4.3.2).
        await using var proxy = await CacheTestProxy.StartAsync();
        var (origin, target) = await proxy.StartOriginAndFetchOnceAsync("/undated", body: "undated", headers: new Dictionary<string, string> { ["Cache-Control"] = "max-age=60" });

        // Act
        var response = await proxy.FetchAsync(target, ("If-Modified-Since", DateTimeOffset.UtcNow.AddHours(hoursFromNow).ToString("R")));

        // Assert
        ((int)response.StatusCode).Should().Be(expectedStatus);
        origin.ReceivedCountFor("/undated").Should().Be(1);
    }

    [Fact]
    public async Task Get_StaleEntryAndClientHoldsSameVersion_OriginConfirms_ClientGets304()
    {
        // Arrange
        using var origin = WireMockBackend.Start().Stub(server =>
        {
            server.Given(Request.Create().WithPath("/app.js").UsingGet().WithHeader("If-None-Match", "\"v1\""))
                .AtPriority(1)
                .RespondWith(Response.Create().WithStatusCode(304).WithHeader("ETag", "\"v1\"").WithHeader("Cache-Control", "max-age=60"));
            server.Given(Request.Create().WithPath("/app.js").UsingGet())
                .AtPriority(10)
                .RespondWith(Response.Create().WithBody("code").WithHeader("ETag", "\"v1\"").WithHeader("Cache-Control", "max-age=60"));
        });
        await using var proxy = await CacheTestProxy.StartAsync();
        var target = new Uri(origin.Url, "/app.js");
        var primed = await proxy.FetchAsync(target);
        proxy.Time.Advance(TimeSpan.FromSeconds(61));

        // Act
        var response = await proxy.FetchAsync(target, ("If-None-Match", "\"v1\""));

        // Assert
        ((int)response.StatusCode).Should().Be(304);
        response.CacheStatus().Should().Be("ForwardProxy; fwd=stale; fwd-status=304");
        origin.ReceivedCountFor("/app.js").Should().Be(2);
    }
}
