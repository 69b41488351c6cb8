namespace Samples.Tests.ForwardProxy;

/// <summary>
/// Request collapsing (nginx's proxy_cache_lock, Squid's collapsed_forwarding):
/// misses on a URI already being fetched wait for that fetch instead of each
/// going to the origin.
/// </summary>
[Trait("Concept", "Caching")]
public sealed class CacheCollapsingTests
{
    [Fact]
    public async Task TwentyConcurrentMisses_TheOriginIsAskedOnce()
    {
        // Arrange: the origin holds its answer back until all twenty requests are in the proxy.
        using var logs = new LogCapture("Samples.ForwardProxy.CollapsedForwarding");
        await using var origin = await CacheStreamingOrigin.StartAsync(halfSize: 1000, sendContentLength: true);
        await using var proxy = await CacheTestProxy.StartAsync(logs: logs);
        using var client = proxy.CreateClient();
        var target = new Uri(origin.Url, "/stream");

        // Act
        var requests = Enumerable.Range(0, 20).Select(_ => client.FetchAsync(target)).ToList();
        await logs.WaitForLinesAsync(19, Ct);
        origin.Release();
        var responses = await Task.WhenAll(requests);

        // Assert
        origin.Requests.Should().Be(1);
        logs.Lines.Count(l => l.Contains("waiting for that answer", StringComparison.Ordinal)).Should().Be(19);
        responses.Should().AllSatisfy(r => r.Content.Headers.ContentLength.Should().Be(2000));
        responses.Count(r => r.CacheStatus() == "ForwardProxy; fwd=uri-miss; collapsed").Should().Be(19);
        responses.Count(r => r.CacheStatus() == "ForwardProxy; fwd=uri-miss; stored").Should().Be(1);
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task CollapseTimeoutPassed_TheWaitingRequestGoesAlone()
    {
        // Arrange: the first fetch never finishes while the second waits out its limit.
        using var logs = new LogCapture("Samples.ForwardProxy.CollapsedForwarding");
        await using var origin = await CacheStreamingOrigin.StartAsync(halfSize: 10, sendContentLength: true);
        await using var proxy = await CacheTestProxy.StartAsync(new Dictionary<string, string?> { ["CollapseTimeout"] = "00:00:02" }, logs);
        using var client = proxy.CreateClient();
        var target = new Uri(origin.Url, "/stream");
        var first = client.FetchAsync(target);
        await WaitUntilAsync(() => origin.Requests == 1);
        var second = client.FetchAsync(target);
        await logs.WaitForLinesAsync(1, Ct);

        // Act
        proxy.Time.Advance(TimeSpan.FromSeconds(3));
        await WaitUntilAsync(() => origin.Requests == 2);
        origin.Release();
        using var firstResponse = await first;
        using var secondResponse = await second;

        // Assert
        origin.Requests.Should().Be(2);
        logs.Lines.Should().Contain(l => l.Contains("going to the origin alone", StringComparison.Ordinal));
        secondResponse.CacheStatus().Should().NotContain("collapsed");
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var attempt = 0; attempt < 100 && !condition(); attempt++)
        {
            await Task.Delay(50, Ct);
        }
    }
}
