using Samples.Tests.SslTermination;

namespace Samples.Tests.Streaming;

/// <summary>
/// 04 ends TLS and forwards over plain HTTP: an event stream still reaches the
/// HTTPS client event by event, over HTTP/1.1 and over HTTP/2 (where the
/// stream is DATA frames instead of chunks).
/// </summary>
[Trait("Concept", "Streaming")]
public sealed class TlsTerminationStreamingTests
{
    [Theory]
    [InlineData("1.1")]
    [InlineData("2.0")]
    public async Task EventStream_ThroughTlsTermination_FirstEventArrivesBeforeSecondIsSent(string version)
    {
        // Arrange
        await using var backend = await EventStreamBackend.StartAsync();
        await using var host = TlsSample.Start(backend.Url);
        using var client = TlsSample.PinnedClient(host.AddressFor("https"), TlsSample.Served(host).Current);
        client.DefaultRequestVersion = Version.Parse(version);
        client.DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact;

        // Act
        using var response = await client.OpenAsync(new Uri(host.AddressFor("https"), "events"));
        using var reader = await response.ReaderAsync();
        var first = await reader.NextEventAsync();
        backend.Release();
        var second = await reader.NextEventAsync();

        // Assert
        response.Version.Should().Be(Version.Parse(version));
        response.Content.Headers.ContentType?.MediaType.Should().Be("text/event-stream");
        first.Should().Be(EventStreamBackend.FirstEvent, "the proxy passes each event on as it comes, on the TLS side too");
        second.Should().Be(EventStreamBackend.SecondEvent);
    }
}
