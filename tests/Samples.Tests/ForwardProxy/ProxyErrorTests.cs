using Samples.ForwardProxy;

namespace Samples.Tests.ForwardProxy;

/// <summary>
/// What the proxy answers when it cannot or must not fetch: 502, 504, 508, its
/// own pages, and malformed or smuggling requests that never reach an origin.
/// </summary>
[Trait("Concept", "Filtering")]
public sealed class ProxyErrorTests
{
    [Fact]
    public async Task UnreachableOrigin_NothingListening_502()
    {
        await using var proxy = SampleHost<ForwardProxyApp>.Start();
        using var client = ProxiedClient.Create(proxy.BaseAddress);

        var response = await client.GetAsync(new Uri($"http://127.0.0.1:{FreePort.Next()}/"), Ct);

        ((int)response.StatusCode).Should().Be(502);
        (await response.Content.ReadAsStringAsync(Ct)).Should().Contain("502 Bad Gateway");
    }

    [Fact]
    public async Task SlowOrigin_SlowerThanUpstreamTimeout_504()
    {
        await using var rig = ForwardProxyRig.Start(WireMockBackend.Start().Stub("/slow", body: "late", delay: TimeSpan.FromSeconds(5)), SampleHost<ForwardProxyApp>.Start(new Dictionary<string, string?> { ["ForwardProxy:UpstreamTimeout"] = "00:00:01" }), p => ProxiedClient.Create(p.BaseAddress));
        var (origin, proxy, client) = rig;

        var response = await client.GetAsync(new Uri(origin.Url, "/slow"), Ct);

        ((int)response.StatusCode).Should().Be(504);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    public async Task Loop_TargetIsTheProxysOwnAddress_508(string host)
    {
        await using var proxy = SampleHost<ForwardProxyApp>.Start(new Dictionary<string, string?> { ["ForwardProxy:Anonymity"] = "Elite" });
        using var client = ProxiedClient.Create(proxy.BaseAddress);

        var response = await client.GetAsync(new Uri($"http://{host}:{proxy.BaseAddress.Port}/anything"), Ct);

        ((int)response.StatusCode).Should().Be(508, "an Elite proxy sends no Via, so the loop is found by address");
    }

    [Fact]
    public async Task InfoPage_OriginFormRoot_ExplainsCurlAndChromium()
    {
        await using var proxy = SampleHost<ForwardProxyApp>.Start();
        using var client = proxy.CreateClient();

        var body = await client.GetStringAsync(new Uri("/", UriKind.Relative), Ct);

        body.Should().Contain($"curl -x {proxy.BaseAddress.ToString().TrimEnd('/')} --noproxy ''").And.Contain("--proxy-bypass-list='<-loopback>'");
    }

    [Fact]
    public async Task InfoPage_OriginFormRoot_NamesTheOriginCertificateByFullPath()
    {
        // Arrange
        await using var proxy = SampleHost<ForwardProxyApp>.Start();
        using var client = proxy.CreateClient();

        // Act
        var body = await client.GetStringAsync(new Uri("/", UriKind.Relative), Ct);

        // Assert: a relative path would work only from the sample's own folder.
        var cacert = body.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries).SkipWhile(word => word != "--cacert").Skip(1).FirstOrDefault();
        cacert.Should().NotBeNull().And.EndWith("demo-origin.pem");
        Path.IsPathFullyQualified(cacert!).Should().BeTrue($"'{cacert}' should work pasted into a shell in any folder");
    }

    [Fact]
    public async Task OriginForm_OtherPath_404()
    {
        await using var proxy = SampleHost<ForwardProxyApp>.Start();
        using var client = proxy.CreateClient();

        var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative), Ct);

        ((int)response.StatusCode).Should().Be(404);
    }

    [Fact]
    public async Task MalformedRequest_HeaderWithoutColon_400AndTheProxyKeepsServing()
    {
        // Arrange
        using var origin = WireMockBackend.Start().Stub("/after", body: "still here");
        await using var proxy = SampleHost<ForwardProxyApp>.Start();

        // Act
        string answer;
        await using (var connection = await RawConnection.OpenAsync(proxy.BaseAddress, Ct))
        {
            await connection.SendAsync($"GET {origin.Url}bad HTTP/1.1\r\nHost: {origin.Url.Authority}\r\nThis is not a header\r\n\r\n", Ct);
            (answer, _) = await connection.ReadAllAsync(TimeSpan.FromSeconds(5), Ct);
        }

        using var client = ProxiedClient.Create(proxy.BaseAddress);
        var next = await client.GetStringAsync(new Uri(origin.Url, "/after"), Ct);

        // Assert
        answer.Should().StartWith("HTTP/1.1 400");
        next.Should().Be("still here");
        origin.ReceivedCountFor("/bad").Should().Be(0);
    }

    [Fact]
    public async Task Smuggling_ContentLengthAndTransferEncoding_AnsweredAndClosedSecondRequestNeverReachesOrigin()
    {
        // Arrange: the body is empty when read as chunked; a front end that believed
        // Content-Length would read a second, hidden request after it.
        using var origin = WireMockBackend.Start().Stub("/a", body: "a", method: "POST").Stub("/smuggled", body: "smuggled");
        await using var proxy = SampleHost<ForwardProxyApp>.Start();
        await using var connection = await RawConnection.OpenAsync(proxy.BaseAddress, Ct);
        var smuggled = $"GET {origin.Url}smuggled HTTP/1.1\r\nHost: {origin.Url.Authority}\r\n\r\n";

        // Act
        await connection.SendAsync(
            $"POST {origin.Url}a HTTP/1.1\r\nHost: {origin.Url.Authority}\r\nContent-Length: {5 + smuggled.Length}\r\n" +
            $"Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n{smuggled}",
            Ct);
        var (answer, closed) = await connection.ReadAllAsync(TimeSpan.FromSeconds(5), Ct);

        // Assert (RFC 9112 §6.1: reject with 400, or answer and close the connection)
        var rejected = answer.StartsWith("HTTP/1.1 400", StringComparison.Ordinal);
        (rejected || closed).Should().BeTrue($"the proxy must reject or close, got: {answer}");
        answer.Split("HTTP/1.1 ").Length.Should().BeLessThanOrEqualTo(2, "exactly one response: the hidden request was never read as a request");
        origin.ReceivedCountFor("/smuggled").Should().Be(0);
        origin.Received.Where(e => e.RequestMessage?.Path == "/a").Should().OnlyContain(e => string.IsNullOrEmpty(e.RequestMessage!.Body));
    }
}
