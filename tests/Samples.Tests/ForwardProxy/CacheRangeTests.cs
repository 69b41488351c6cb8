namespace Samples.Tests.ForwardProxy;

/// <summary>
/// RFC 9110 §14 and RFC 9111 §3.4: a Range request is answered 206 from a
/// complete stored response, with the stored headers (a 206 from the origin is
/// never taken for the whole: see CacheNeverStoreTests).
/// </summary>
[Trait("Concept", "Caching")]
public sealed class CacheRangeTests
{
    private static readonly Dictionary<string, string> Cacheable = new() { ["Cache-Control"] = "max-age=60", ["ETag"] = "\"r1\"", ["X-Stored"] = "yes" };

    [Theory]
    [InlineData("bytes=0-4", "bytes 0-4/10", "whole")]
    [InlineData("bytes=6-", "bytes 6-9/10", "file")]
    [InlineData("bytes=-4", "bytes 6-9/10", "file")]
    [InlineData("bytes=6-100", "bytes 6-9/10", "file")]
    public async Task Range_CompleteResponseStored_Answered206FromTheCache(string range, string contentRange, string part)
    {
        // Arrange
        await using var proxy = await CacheTestProxy.StartAsync();
        var (origin, target) = proxy.StartOrigin("/file", body: "whole file", headers: Cacheable);
        await proxy.FetchAsync(target);

        // Act
        var partial = await proxy.FetchAsync(target, ("Range", range));

        // Assert
        ((int)partial.StatusCode).Should().Be(206);
        partial.Content.Headers.ContentRange!.ToString().Should().Be(contentRange);
        (await partial.BodyAsync()).Should().Be(part);
        partial.Headers.GetValues("X-Stored").Should().Equal("yes");
        partial.CacheStatus().Should().StartWith("ForwardProxy; hit;");
        origin.ReceivedCountFor("/file").Should().Be(1);
    }

    [Fact]
    public async Task Range_BeyondTheEnd_416WithTheLength()
    {
        // Arrange
        await using var proxy = await CacheTestProxy.StartAsync();
        var (origin, target) = proxy.StartOrigin("/file", body: "whole file", headers: Cacheable);
        await proxy.FetchAsync(target);

        // Act
        var response = await proxy.FetchAsync(target, ("Range", "bytes=50-60"));

        // Assert
        ((int)response.StatusCode).Should().Be(416);
        response.Content.Headers.ContentRange!.ToString().Should().Be("bytes */10");
    }

    [Theory]
    [InlineData("\"r0\"")]
    [InlineData("W/\"r1\"")]
    public async Task Range_IfRangeNotTheStoredStrongValidator_WholeResponse(string ifRange)
    {
        // Arrange
        await using var proxy = await CacheTestProxy.StartAsync();
        var (origin, target) = proxy.StartOrigin("/file", body: "whole file", headers: Cacheable);
        await proxy.FetchAsync(target);

        // Act
        var response = await proxy.FetchAsync(target, ("Range", "bytes=0-4"), ("If-Range", ifRange));

        // Assert
        ((int)response.StatusCode).Should().Be(200);
        (await response.BodyAsync()).Should().Be("whole file");
    }

    [Fact]
    public async Task Range_SeveralRanges_WholeResponse()
    {
        // Arrange: serving the whole is always allowed instead of a multipart answer (RFC 9110 §14.2).
        await using var proxy = await CacheTestProxy.StartAsync();
        var (origin, target) = proxy.StartOrigin("/file", body: "whole file", headers: Cacheable);
        await proxy.FetchAsync(target);

        // Act
        var response = await proxy.FetchAsync(target, ("Range", "bytes=0-1,4-5"));

        // Assert
        ((int)response.StatusCode).Should().Be(200);
        (await response.BodyAsync()).Should().Be("whole file");
    }
}
