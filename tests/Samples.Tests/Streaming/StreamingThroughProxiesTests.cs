namespace Samples.Tests.Streaming;

/// <summary>
/// A Server-Sent Events answer and a slow chunked answer reach the client part
/// by part through 01 (as a forward proxy, plain http://), 02, 03 and 05: the
/// backend sends its first part and then waits for the test, and the test
/// reads that first part through the proxy before it lets the second go. A
/// proxy that buffered the answer would hold the first part until the end,
/// and the read would come back empty.
/// </summary>
[Trait("Concept", "Streaming")]
public sealed class StreamingThroughProxiesTests
{
    [Theory]
    [InlineData(ProxyInFront.ForwardProxy)]
    [InlineData(ProxyInFront.ReverseProxy)]
    [InlineData(ProxyInFront.LoadBalancing)]
    [InlineData(ProxyInFront.Gateway)]
    public async Task EventStream_ThroughSample_FirstEventArrivesBeforeSecondIsSent(string sample)
    {
        // Arrange
        await using var backend = await EventStreamBackend.StartAsync();
        await using var proxy = ProxyInFront.Start(sample, backend.Url);

        // Act
        using var response = await proxy.Client.OpenAsync(proxy.Address("events"));
        using var reader = await response.ReaderAsync();
        var first = await reader.NextEventAsync();
        backend.Release();
        var second = await reader.NextEventAsync();
        var end = await reader.NextEventAsync();

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType?.MediaType.Should().Be("text/event-stream");
        first.Should().Be(EventStreamBackend.FirstEvent, "the proxy passes each event on as the backend flushes it, before the backend has sent the next");
        second.Should().Be(EventStreamBackend.SecondEvent);
        end.Should().BeNull("the stream ends when the backend's answer does");
        backend.Streams.Should().ContainSingle();
    }

    [Theory]
    [InlineData(ProxyInFront.ForwardProxy)]
    [InlineData(ProxyInFront.ReverseProxy)]
    [InlineData(ProxyInFront.LoadBalancing)]
    [InlineData(ProxyInFront.Gateway)]
    public async Task SlowChunkedAnswer_ThroughSample_FirstChunkArrivesBeforeSecondIsSent(string sample)
    {
        // Arrange
        await using var backend = await EventStreamBackend.StartAsync();
        await using var proxy = ProxyInFront.Start(sample, backend.Url);

        // Act
        using var response = await proxy.Client.OpenAsync(proxy.Address("chunks"), acceptEventStream: false);
        using var reader = await response.ReaderAsync();
        var first = await reader.NextLineAsync();
        backend.Release();
        var second = await reader.NextLineAsync();

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.TransferEncodingChunked.Should().BeTrue("the backend's answer has no length, so the proxy cannot send one either");
        first.Should().Be(EventStreamBackend.FirstChunk, "the proxy passes each chunk on as it comes, never waiting for the whole body");
        second.Should().Be(EventStreamBackend.SecondChunk);
    }
}
