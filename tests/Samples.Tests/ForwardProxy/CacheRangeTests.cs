namespace Samples.Tests.ForwardProxy;

/// <summary>
/// RFC 9110 §14 and RFC 9111 §3.4: a Range request is answered 206 from a
/// complete stored response, with the stored headers; 206 answers are kept as pieces, serve the
/// ranges inside them, and make the whole only when their strong validators
/// match (a lone 206 is never taken for the whole: see CacheNeverStoreTests).
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
        var (origin, target) = await proxy.StartOriginAndFetchOnceAsync("/file", body: "whole file", headers: Cacheable);

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
        var (origin, target) = await proxy.StartOriginAndFetchOnceAsync("/file", body: "whole file", headers: Cacheable);

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
        var (origin, target) = await proxy.StartOriginAndFetchOnceAsync("/file", body: "whole file", headers: Cacheable);

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
        var (origin, target) = await proxy.StartOriginAndFetchOnceAsync("/file", body: "whole file", headers: Cacheable);

        // Act
        var response = await proxy.FetchAsync(target, ("Range", "bytes=0-1,4-5"));

        // Assert
        ((int)response.StatusCode).Should().Be(200);
        (await response.BodyAsync()).Should().Be("whole file");
    }

    [Fact]
    public async Task Range_InsideAStoredPiece_ServedFromThatPiece()
    {
        // Arrange
        using var origin = PiecesOrigin("\"p1\"", "\"p1\"");
        await using var proxy = await CacheTestProxy.StartAsync();
        var target = new Uri(origin.Url, "/pieces");
        await proxy.FetchAsync(target, ("Range", "bytes=0-4"));

        // Act
        var inside = await proxy.FetchAsync(target, ("Range", "bytes=1-3"));

        // Assert
        ((int)inside.StatusCode).Should().Be(206);
        inside.Content.Headers.ContentRange!.ToString().Should().Be("bytes 1-3/10");
        (await inside.BodyAsync()).Should().Be("hol");
        inside.CacheStatus().Should().StartWith("ForwardProxy; hit;");
        origin.ReceivedCountFor("/pieces").Should().Be(1);
    }

    [Theory]
    [InlineData("\"p1\"", "\"p1\"", "ForwardProxy; hit;", 2)]
    [InlineData("\"p1\"", "\"p2\"", "ForwardProxy; fwd=uri-miss", 3)]
    [InlineData("W/\"p1\"", "W/\"p1\"", "ForwardProxy; fwd=uri-miss", 3)]
    public async Task Range_TwoPieces_AssembledOnlyWhenTheSameStrongETagSaysTheyAreOneVersion(string firstETag, string secondETag, string wholeStatus, int originRequests)
    {
        // Arrange
        using var origin = PiecesOrigin(firstETag, secondETag);
        await using var proxy = await CacheTestProxy.StartAsync();
        var target = new Uri(origin.Url, "/pieces");

        // Act
        await proxy.FetchAsync(target, ("Range", "bytes=0-4"));
        await proxy.FetchAsync(target, ("Range", "bytes=5-9"));
        var whole = await proxy.FetchAsync(target);

        // Assert
        ((int)whole.StatusCode).Should().Be(200);
        (await whole.BodyAsync()).Should().Be("whole file");
        whole.Content.Headers.ContentRange.Should().BeNull("the whole response carries no Content-Range");
        whole.CacheStatus().Should().StartWith(wholeStatus);
        origin.ReceivedCountFor("/pieces").Should().Be(originRequests);
    }

    /// <summary>An origin that answers the two halves of "whole file" as 206s with the given ETags, and the whole as a 200.</summary>
    private static WireMockBackend PiecesOrigin(string firstETag, string secondETag) => WireMockBackend.Start().Stub(server =>
    {
        server.Given(Request.Create().WithPath("/pieces").UsingGet().WithHeader("Range", "bytes=0-4")).AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(206).WithBody("whole").WithHeader("Content-Range", "bytes 0-4/10").WithHeader("ETag", firstETag).WithHeader("Cache-Control", "max-age=60"));
        server.Given(Request.Create().WithPath("/pieces").UsingGet().WithHeader("Range", "bytes=5-9")).AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(206).WithBody(" file").WithHeader("Content-Range", "bytes 5-9/10").WithHeader("ETag", secondETag).WithHeader("Cache-Control", "max-age=60"));
        server.Given(Request.Create().WithPath("/pieces").UsingGet()).AtPriority(10)
            .RespondWith(Response.Create().WithBody("whole file").WithHeader("ETag", secondETag).WithHeader("Cache-Control", "max-age=60"));
    });
}
