namespace Samples.Tests.Streaming;

/// <summary>
/// The caches in 01 (its RFC 9111 cache), 02 and 05 (their output caches on a
/// cached route) never store an event stream, never make one subscriber wait
/// for another's stream, and say in Cache-Status that they stepped aside
/// (fwd=bypass), even when the backend calls its stream cacheable. A client
/// asking for one (Accept: text/event-stream, as every EventSource does) is
/// bypassed before the cache looks; an event stream nobody asked for is
/// recognised by its Content-Type when it arrives.
/// </summary>
[Trait("Concept", "Streaming")]
public sealed class CachesNeverHoldStreamsTests
{
    [Theory]
    [InlineData(ProxyInFront.ForwardProxy, true)]
    [InlineData(ProxyInFront.ForwardProxy, false)]
    [InlineData(ProxyInFront.ReverseProxy, true)]
    [InlineData(ProxyInFront.ReverseProxy, false)]
    [InlineData(ProxyInFront.Gateway, true)]
    [InlineData(ProxyInFront.Gateway, false)]
    public async Task CacheableEventStream_OnCachedRoute_NeverStoredAndSaysBypass(string sample, bool acceptEventStream)
    {
        // Arrange: the backend says its stream may be kept for a minute.
        await using var backend = await EventStreamBackend.StartAsync(cacheable: true);
        await using var proxy = ProxyInFront.Start(sample, backend.Url);

        // Act: one subscriber reads event 1 while the backend holds event 2, then the whole stream; a second one comes after.
        using var first = await proxy.Client.OpenAsync(proxy.CachedAddress, acceptEventStream);
        using var firstReader = await first.ReaderAsync();
        var firstEvent = await firstReader.NextEventAsync();
        backend.Release();
        var firstRest = await firstReader.NextEventAsync();
        using var second = await proxy.Client.OpenAsync(proxy.CachedAddress, acceptEventStream);
        using var secondReader = await second.ReaderAsync();
        var secondEvents = new[] { await secondReader.NextEventAsync(), await secondReader.NextEventAsync() };

        // Assert
        firstEvent.Should().Be(EventStreamBackend.FirstEvent, "the cache copies nothing that would hold an event back");
        firstRest.Should().Be(EventStreamBackend.SecondEvent);
        secondEvents.Should().Equal(EventStreamBackend.FirstEvent, EventStreamBackend.SecondEvent);
        backend.Streams.Should().HaveCount(2, "a stream is never answered from the cache: each subscriber gets the live one");
        foreach (var response in new[] { first, second })
        {
            var status = string.Join(", ", response.Headers.GetValues("Cache-Status"));
            status.Should().Contain("fwd=bypass").And.Contain("detail=event-stream").And.NotContain("stored").And.NotContain("hit");
        }
    }

    [Theory]
    [InlineData(ProxyInFront.ForwardProxy)]
    [InlineData(ProxyInFront.ReverseProxy)]
    [InlineData(ProxyInFront.Gateway)]
    public async Task EventStream_SecondSubscriberWhileFirstIsOpen_GetsItsOwnStreamAtOnce(string sample)
    {
        // Arrange: request collapsing (01) and the output cache's lock (02, 05) make a miss wait for the same URL's fetch in flight.
        await using var backend = await EventStreamBackend.StartAsync(cacheable: true);
        await using var proxy = ProxyInFront.Start(sample, backend.Url);
        using var first = await proxy.Client.OpenAsync(proxy.CachedAddress);
        using var firstReader = await first.ReaderAsync();
        var firstEvent = await firstReader.NextEventAsync();

        // Act: the first stream is still open (the backend holds event 2) when the second subscriber comes.
        using var second = await proxy.Client.OpenAsync(proxy.CachedAddress);
        using var secondReader = await second.ReaderAsync();
        var secondEvent = await secondReader.NextEventAsync();
        backend.Release();

        // Assert
        firstEvent.Should().Be(EventStreamBackend.FirstEvent);
        secondEvent.Should().Be(EventStreamBackend.FirstEvent, "a stream never ends, so a subscriber that waited for another's would wait for ever");
        backend.Streams.Should().HaveCount(2);
    }
}
