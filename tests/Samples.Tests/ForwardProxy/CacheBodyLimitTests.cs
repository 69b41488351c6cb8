namespace Samples.Tests.ForwardProxy;

/// <summary>Bodies stream to the client while the cache copies them; one above Cache:MaxBodyBytes streams but is not kept.</summary>
[Trait("Concept", "Caching")]
public sealed class CacheBodyLimitTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Get_BodyWithinLimit_ClientGetsFirstHalfBeforeOriginSendsTheRestThenItIsStored(bool sendContentLength)
    {
        // Arrange
        await using var origin = await CacheStreamingOrigin.StartAsync(halfSize: 3000, sendContentLength);
        await using var proxy = await CacheTestProxy.StartAsync(new Dictionary<string, string?> { ["MaxBodyBytes"] = "10000" });
        using var client = proxy.CreateClient();
        var target = new Uri(origin.Url, "/stream");

        // Act: read the first half while the origin still holds the second back.
        using var response = await client.GetAsync(target, HttpCompletionOption.ResponseHeadersRead, Ct);
        await using var body = await response.Content.ReadAsStreamAsync(Ct);
        var firstHalf = new byte[3000];
        await body.ReadExactlyAsync(firstHalf, Ct).AsTask().WaitAsync(TimeSpan.FromSeconds(10), Ct);
        origin.Release();
        using var rest = new MemoryStream();
        await body.CopyToAsync(rest, Ct);
        using var again = await client.FetchAsync(target);

        // Assert
        firstHalf.Should().OnlyContain(b => b == (byte)'a');
        rest.Length.Should().Be(3000);
        response.CacheStatus().Should().Be("ForwardProxy; fwd=uri-miss; stored");
        again.CacheStatus().Should().StartWith("ForwardProxy; hit; ttl=");
        (await again.BodyAsync()).Should().Be(new string('a', 3000) + new string('b', 3000));
        origin.Requests.Should().Be(1);
    }

    [Fact]
    public async Task Get_ContentLengthAboveMaxBodyBytes_StreamedWholeButNotStored()
    {
        // Arrange
        await using var origin = await CacheStreamingOrigin.StartAsync(halfSize: 3000, sendContentLength: true);
        origin.Release();
        await using var proxy = await CacheTestProxy.StartAsync(new Dictionary<string, string?> { ["MaxBodyBytes"] = "5000" });
        var target = new Uri(origin.Url, "/stream");

        // Act
        var (first, second) = await proxy.FetchTwiceAsync(target);

        // Assert
        first.CacheStatus().Should().Be("ForwardProxy; fwd=uri-miss", "the announced length is over the limit");
        (await first.Content.ReadAsByteArrayAsync(Ct)).Should().HaveCount(6000);
        second.CacheStatus().Should().Be("ForwardProxy; fwd=uri-miss");
        origin.Requests.Should().Be(2);
    }

    [Fact]
    public async Task Get_ChunkedBodyAboveMaxBodyBytes_StreamedWholeButNotStored()
    {
        // Arrange: no Content-Length, so the cache learns the size only while copying.
        await using var proxy = await CacheTestProxy.StartAsync(new Dictionary<string, string?> { ["MaxBodyBytes"] = "5000" });
        var (origin, target) = proxy.StartOrigin("/big", body: new string('x', 6000), headers: new Dictionary<string, string> { ["Cache-Control"] = "max-age=60" });

        // Act
        var (first, second) = await proxy.FetchTwiceAsync(target);

        // Assert
        (await first.BodyAsync()).Should().HaveLength(6000);
        second.CacheStatus().Should().StartWith("ForwardProxy; fwd=uri-miss", "the copy was given up when it passed the limit");
        origin.ReceivedCountFor("/big").Should().Be(2);
    }
}
