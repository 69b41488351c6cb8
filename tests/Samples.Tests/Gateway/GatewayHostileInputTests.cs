namespace Samples.Tests.Gateway;

/// <summary>Malformed requests stop at the gateway, the gateway keeps serving, and every request leaves one access-log line.</summary>
[Trait("Concept", "Gateway")]
public sealed class GatewayHostileInputTests
{
    [Fact]
    public async Task ContentLengthAndTransferEncoding_RawRequest_RejectedOrAnsweredThenClosed()
    {
        // Arrange
        using var backend = WireMockBackend.Start().Stub("/*", method: "POST");
        await using var gateway = Start(backend);

        // Act
        var answer = await SendRaw(gateway.BaseAddress, "POST /in/x HTTP/1.1\r\nHost: gw\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");

        // Assert: RFC 9112 §6.1 allows a 400, or an answer after which the connection is closed.
        if (!answer.StartsWith("HTTP/1.1 400", StringComparison.Ordinal))
        {
            answer.Should().Contain("Connection: close", "a connection that carried both headers must not carry another request");
            backend.Received.Should().OnlyContain(e => WireMockBackend.HeaderOf(e, "Content-Length") == null || WireMockBackend.HeaderOf(e, "Transfer-Encoding") == null);
        }

        using var client = gateway.CreateClient();
        (await client.PostAsync(new Uri("/in/x", UriKind.Relative), new StringContent("ok"), Ct)).StatusCode.Should().Be(HttpStatusCode.OK, "the gateway still serves");
    }

    [Fact]
    public async Task TooManyHeaders_RawRequest_431()
    {
        // Arrange
        using var backend = WireMockBackend.Start().Stub("/*", method: "POST");
        await using var gateway = Start(backend);
        var headers = string.Concat(Enumerable.Range(0, 101).Select(i => $"X-H{i}: v\r\n"));

        // Act
        var answer = await SendRaw(gateway.BaseAddress, $"GET /in/x HTTP/1.1\r\nHost: gw\r\n{headers}\r\n");

        // Assert
        answer.Should().StartWith("HTTP/1.1 431");
        backend.ReceivedCount.Should().Be(0);
    }

    [Fact]
    public async Task AccessLog_ProxiedRequest_OneLineWithRouteAndDownstream()
    {
        // Arrange
        using var backend = WireMockBackend.Start().Stub("/*", method: "POST");
        var logs = new LogCapture();
        await using var gateway = Start(backend, s => s.AddLogging(b => b.AddProvider(logs)));
        using var client = gateway.CreateClient();

        // Act
        await client.PostAsync(new Uri("/in/logged?x=1", UriKind.Relative), new StringContent("ok"), Ct);

        // Assert
        logs.Messages.Where(m => m.Contains("/in/logged?x=1", StringComparison.Ordinal)).Should().ContainSingle()
            .Which.Should().Contain("127.0.0.1 POST /in/logged?x=1 -> 200").And.Contain("route=Routes[0]").And.Contain($"downstream=http://127.0.0.1:{backend.Port}/");
    }

    private static GatewayUnderTest Start(WireMockBackend backend, Action<IServiceCollection>? services = null) =>
        GatewayUnderTest.Start(
            GatewayUnderTest.Ocelot($$"""
                { "UpstreamPathTemplate": "/in/{everything}", "DownstreamPathTemplate": "/{everything}", "DownstreamHostAndPorts": [ {{GatewayUnderTest.HostAndPort(backend)}} ] }
                """),
            services);

    private static async Task<string> SendRaw(Uri address, string request)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(address.Host, address.Port, Ct);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request), Ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        var buffer = new byte[4096];
        var read = await stream.ReadAsync(buffer, timeout.Token);
        return Encoding.ASCII.GetString(buffer, 0, read);
    }
}
