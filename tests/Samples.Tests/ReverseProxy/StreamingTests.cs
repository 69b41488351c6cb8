namespace Samples.Tests.ReverseProxy;

/// <summary>Large bodies stream through the proxy both ways and arrive byte for byte.</summary>
[Trait("Concept", "ReverseProxy")]
public sealed class StreamingTests
{
    private const int FiveMegabytes = 5 * 1024 * 1024;

    [Fact]
    public async Task Upload_FiveMegabytesChunked_ArrivesWholeAtBackend()
    {
        // Arrange
        var payload = RandomNumberGenerator.GetBytes(FiveMegabytes);
        await using var proxy = ProxyUnderTest.Start(catalog: c => c.Stub("/catalog/upload", method: "POST", body: "stored"));
        using var client = proxy.CreateClient();

        // A body without a known length goes out chunked: the proxy cannot know the size up front either.
        using var content = new UnsizedContent(payload);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");

        // Act
        var response = await client.PostAsync(new Uri("/catalog/upload", UriKind.Relative), content, Ct);

        // Assert
        response.IsSuccessStatusCode.Should().BeTrue();
        await proxy.Catalog.SettledAsync(1, Ct);
        var received = proxy.Catalog.LastReceived!.RequestMessage!.BodyAsBytes;
        received.Should().NotBeNull();
        received!.Length.Should().Be(FiveMegabytes);
        proxy.Catalog.LastHeader("Transfer-Encoding").Should().Be("chunked", "the proxy streams the body on instead of buffering it to count it");
        SHA256.HashData(received).Should().Equal(SHA256.HashData(payload));
    }

    [Fact]
    public async Task Download_FiveMegabytes_ArrivesWholeAtClient()
    {
        // Arrange
        var payload = RandomNumberGenerator.GetBytes(FiveMegabytes);
        await using var proxy = ProxyUnderTest.Start(catalog: c => c.Stub(s => s
            .Given(Request.Create().WithPath("/catalog/download").UsingGet())
            .RespondWith(Response.Create().WithBody(payload, "application/octet-stream"))));
        using var client = proxy.CreateClient();

        // Act
        using var response = await client.GetAsync(new Uri("/catalog/download", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, Ct);
        await using var stream = await response.Content.ReadAsStreamAsync(Ct);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, Ct);

        // Assert
        copy.Length.Should().Be(FiveMegabytes);
        SHA256.HashData(copy.ToArray()).Should().Equal(SHA256.HashData(payload));
    }
}
