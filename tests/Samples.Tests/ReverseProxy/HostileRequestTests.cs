namespace Samples.Tests.ReverseProxy;

/// <summary>
/// Malformed and ambiguous requests are refused at the front door, never reach
/// a backend in a form it could read differently, and leave the proxy serving.
/// </summary>
[Trait("Concept", "ReverseProxy")]
public sealed class HostileRequestTests
{
    [Fact]
    public async Task Smuggling_ContentLengthAndChunked_ConnectionClosedAndHiddenRequestNeverForwarded()
    {
        // Arrange: a front end that believed Content-Length would see one request; one that believes
        // chunked sees a second, hidden one. The proxy must not let that second request through.
        await using var proxy = ProxyUnderTest.Start(catalog: c => c.Stub("/catalog/*", method: "POST").Stub("/catalog/*"));
        const string hidden = "GET /catalog/smuggled HTTP/1.1\r\nHost: a\r\n\r\n";
        var raw = "POST /catalog/upload HTTP/1.1\r\nHost: a\r\n"
            + $"Content-Length: {5 + hidden.Length}\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "0\r\n\r\n" + hidden;

        // Act
        var exchange = await RawHttp.SendAsync(proxy.Host.BaseAddress, raw, Ct);

        // Assert
        exchange.Closed.Should().BeTrue(exchange.Text);
        exchange.Text.Should().MatchRegex("^HTTP/1.1 (400|200) ");
        proxy.Catalog.ReceivedCountFor("/catalog/smuggled").Should().Be(0);
        foreach (var entry in proxy.Catalog.Received)
        {
            var hasLength = Infrastructure.WireMockBackend.HeaderOf(entry, "Content-Length") is not null;
            var isChunked = Infrastructure.WireMockBackend.HeaderOf(entry, "Transfer-Encoding") is not null;
            (hasLength && isChunked).Should().BeFalse("a backend must never get both framings at once");
        }
    }

    [Theory]
    [InlineData("GET /catalog/items HTTP/1.1\r\nHost: a\r\nX-A: b\r\n folded\r\n\r\n", "400")]
    [InlineData("G@T /catalog/items HTTP/1.1\r\nHost: a\r\n\r\n", "400")]
    [InlineData("POST /catalog/items HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab", "400")]
    [InlineData("GET /catalog/items HTTP/1.1\r\nHost: a\r\nX-A: b\rc\r\n\r\n", "400")]
    [InlineData("GET /catalog/items HTTP/3.7\r\nHost: a\r\n\r\n", "505")]
    public async Task MalformedRequest_AtFrontDoor_RefusedNeverForwardedAndProxyStillServes(string raw, string status)
    {
        // Arrange
        await using var proxy = ProxyUnderTest.Start(catalog: c => c.Stub("/catalog/items", body: "items"));

        // Act
        var exchange = await RawHttp.SendAsync(proxy.Host.BaseAddress, raw, Ct);
        var after = await proxy.GetAsync("/healthz");

        // Assert
        exchange.Text.Should().StartWith($"HTTP/1.1 {status} ");
        proxy.Catalog.ReceivedCount.Should().Be(0);
        after.StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
