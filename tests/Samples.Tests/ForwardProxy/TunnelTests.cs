using Samples.ForwardProxy;

namespace Samples.Tests.ForwardProxy;

/// <summary>HTTPS through CONNECT: a blind tunnel that passes TLS end to end, handles half close and closes what it opened.</summary>
[Trait("Concept", "Anonymity")]
public sealed class TunnelTests
{
    [Fact]
    public async Task Connect_HttpsOrigin_ClientGetsTheAnswerAndTheProxyOnlyHostAndPort()
    {
        // Arrange: a Kestrel HTTPS origin whose certificate a test CA signed; the client trusts that CA only.
        await using var origin = await HttpsOrigin.StartWithTestCaAsync(Ct);
        await using var proxy = StartProxy(origin.Port);
        using var client = ProxiedClient.Create(proxy.BaseAddress, trustedOrigin: origin.Ca);

        // Act
        var body = await client.GetStringAsync(new Uri($"https://127.0.0.1:{origin.Port}/secret"), Ct);

        // Assert (the tunnel's log line is written when it ends)
        body.Should().Be("https origin saw /secret");
        client.Dispose();
        var log = proxy.Services.GetRequiredService<AccessLog>();
        for (var i = 0; i < 50 && !log.Recent.Any(e => e.Method == "CONNECT"); i++)
        {
            await Task.Delay(100, Ct);
        }

        log.Recent.Should().Contain(e => e.Method == "CONNECT" && e.Target == $"127.0.0.1:{origin.Port}" && e.Status == 200,
            "all the proxy learns of a tunnel is host and port");
        log.Recent.Should().NotContain(e => e.Target.Contains("/secret"));
    }

    [Fact]
    public async Task Connect_KestrelOriginWithTestCertificate_CurlTrustsItThroughTheTunnel()
    {
        // Arrange: a Kestrel HTTPS origin with a certificate signed by a test CA that curl is told to trust.
        var curl = Curl.Require();
        await using var origin = await HttpsOrigin.StartWithTestCaAsync(Ct);
        var (caPem, _) = TestCertificates.WritePem(origin.Ca);
        await using var proxy = StartProxy(origin.Port);

        // Act
        var run = await curl.RunAsync("-x", proxy.BaseAddress.ToString(), "--noproxy", "", "--cacert", caPem, $"https://localhost:{origin.Port}/through");

        // Assert
        run.ExitCode.Should().Be(0, run.StdErr);
        run.StdOut.Should().Be("https origin saw /through");
    }

    [Fact]
    public async Task Connect_ClientHalfCloses_OriginsLateAnswerStillArrives()
    {
        // Arrange: an origin that reads until the client has finished sending, and only then answers.
        await using var origin = new RawOrigin(async (socket, token) =>
        {
            var received = new MemoryStream();
            var buffer = new byte[1024];
            int read;
            while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, token)) > 0)
            {
                received.Write(buffer, 0, read);
            }

            await socket.SendAsync(Encoding.ASCII.GetBytes($"got {received.Length} bytes"), SocketFlags.None, token);
            socket.Shutdown(SocketShutdown.Send);
        });
        await using var proxy = StartProxy(origin.Port);
        await using var connection = await RawConnection.OpenAsync(proxy.BaseAddress, Ct);

        // Act
        await connection.SendConnectAsync("127.0.0.1", origin.Port, Ct);
        var head = await connection.ReadHeadAsync(Ct);
        await connection.SendAsync("hello origin", Ct);
        connection.Socket.Shutdown(SocketShutdown.Send);
        var (rest, closed) = await connection.ReadAllAsync(TimeSpan.FromSeconds(5), Ct);

        // Assert
        head.Should().Be("HTTP/1.1 200 Connection Established\r\n\r\n");
        rest.Should().Be("got 12 bytes");
        closed.Should().BeTrue("the origin closed, so the tunnel ends");
    }

    [Fact]
    public async Task Connect_ClientGoesAway_TunnelClosesTheOriginSocket()
    {
        // Arrange: an origin that waits for the proxy to close its side.
        var originSawClose = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var origin = RawOrigin.UntilClosed(originSawClose);
        await using var proxy = StartProxy(origin.Port);
        var connection = await RawConnection.OpenAsync(proxy.BaseAddress, Ct);
        await connection.SendConnectAsync("127.0.0.1", origin.Port, Ct);
        (await connection.ReadHeadAsync(Ct)).Should().StartWith("HTTP/1.1 200");

        // Act
        await connection.DisposeAsync();

        // Assert
        await originSawClose.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);
    }

    [Fact]
    public async Task Connect_NothingMovesForTheKeepAliveTimeout_TunnelClosesBothSides()
    {
        // Arrange: an origin that never says anything, and a one-second idle limit.
        var originSawClose = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var origin = RawOrigin.UntilClosed(originSawClose);
        await using var proxy = StartProxy(origin.Port, new() { ["Kestrel:Limits:KeepAliveTimeout"] = "00:00:01" });
        await using var connection = await RawConnection.OpenAsync(proxy.BaseAddress, Ct);
        await connection.SendConnectAsync("127.0.0.1", origin.Port, Ct);
        (await connection.ReadHeadAsync(Ct)).Should().StartWith("HTTP/1.1 200");

        // Act
        var (_, closed) = await connection.ReadAllAsync(TimeSpan.FromSeconds(10), Ct);

        // Assert
        closed.Should().BeTrue("an idle tunnel is closed");
        await originSawClose.Task.WaitAsync(TimeSpan.FromSeconds(5), Ct);
    }

    [Fact]
    public async Task Connect_OriginRefusesTheConnection_502()
    {
        var port = FreePort.Next();
        await using var proxy = StartProxy(port);
        await using var connection = await RawConnection.OpenAsync(proxy.BaseAddress, Ct);

        await connection.SendConnectAsync("127.0.0.1", port, Ct);
        var (answer, closed) = await connection.ReadAllAsync(TimeSpan.FromSeconds(10), Ct);

        answer.Should().StartWith("HTTP/1.1 502");
        closed.Should().BeTrue();
    }

    [Theory]
    [InlineData("CONNECT 127.0.0.1 HTTP/1.1\r\n\r\n", "400")]
    [InlineData("CONNECT 127.0.0.1:443 HTTP/1.1\r\nHost: x\r\n folded\r\n\r\n", "400")]
    [InlineData("CONNECT 127.0.0.1:443 HTTP/2.0\r\n\r\n", "505")]
    public async Task Connect_MalformedHead_RefusedWithStatus(string head, string status)
    {
        await using var proxy = SampleHost<ForwardProxyApp>.Start();
        await using var connection = await RawConnection.OpenAsync(proxy.BaseAddress, Ct);

        await connection.SendAsync(head, Ct);
        var (answer, _) = await connection.ReadAllAsync(TimeSpan.FromSeconds(5), Ct);

        answer.Should().StartWith($"HTTP/1.1 {status}");
    }

    [Fact]
    public async Task Connect_AfterAPlainRequestOnTheSameConnection_400AndClosed()
    {
        using var origin = WireMockBackend.Start().Stub("/first", body: "first");
        await using var proxy = SampleHost<ForwardProxyApp>.Start();
        await using var connection = await RawConnection.OpenAsync(proxy.BaseAddress, Ct);

        await connection.SendAsync($"GET {origin.Url}first HTTP/1.1\r\nHost: {origin.Url.Authority}\r\n\r\n", Ct);
        var first = await connection.ReadHeadAsync(Ct);
        await connection.SendConnectAsync("127.0.0.1", 443, Ct);
        var (rest, closed) = await connection.ReadAllAsync(TimeSpan.FromSeconds(5), Ct);

        first.Should().StartWith("HTTP/1.1 200");
        rest.Should().Contain("HTTP/1.1 400").And.Contain("first request on a new connection");
        closed.Should().BeTrue();
    }

    private static SampleHost<ForwardProxyApp> StartProxy(int allowedPort, Dictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?> { ["ForwardProxy:AllowedConnectPorts:0"] = allowedPort.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        foreach (var (key, value) in more ?? [])
        {
            settings[key] = value;
        }

        return SampleHost<ForwardProxyApp>.Start(settings);
    }
}
