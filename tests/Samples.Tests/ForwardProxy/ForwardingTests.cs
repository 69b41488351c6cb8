using System.Diagnostics.Metrics;
using Samples.ForwardProxy;

namespace Samples.Tests.ForwardProxy;

/// <summary>Plain HTTP through the proxy: methods and bodies arrive intact, hop-by-hop headers stop at the proxy both ways.</summary>
[Trait("Concept", "Anonymity")]
public sealed class ForwardingTests
{
    [Fact]
    public async Task Put_LargeBody_ArrivesWholeWithMethodPathAndQuery()
    {
        // Arrange
        await using var rig = ForwardProxyRig.Start(WireMockBackend.Start().Stub("/upload", status: 201, body: "stored", method: "PUT"), SampleHost<ForwardProxyApp>.Start(), p => ProxiedClient.Create(p.BaseAddress));
        var (origin, proxy, client) = rig;
        var body = new string('x', 1_000_000);

        // Act
        var response = await client.PutAsync(new Uri(origin.Url, "/upload?name=big%20file"), new StringContent(body), Ct);

        // Assert
        ((int)response.StatusCode).Should().Be(201);
        (await response.Content.ReadAsStringAsync(Ct)).Should().Be("stored");
        var seen = origin.LastReceived!.RequestMessage!;
        seen.Method.Should().Be("PUT");
        seen.RawQuery.Should().Be("?name=big%20file");
        seen.Body!.Length.Should().Be(body.Length);
    }

    [Fact]
    public async Task RequestHopByHopHeaders_IncludingThoseNamedInConnection_DoNotReachTheOrigin()
    {
        // Arrange: a raw request, so that every hop-by-hop header is really sent. (The Connection
        // header names no keep-alive or close: Kestrel would reduce it to that one token.)
        using var origin = WireMockBackend.Start().Stub("/hop", body: "ok");
        await using var proxy = SampleHost<ForwardProxyApp>.Start();
        await using var connection = await RawConnection.OpenAsync(proxy.BaseAddress, Ct);

        // Act
        await connection.SendAsync(
            $"GET {origin.Url}hop HTTP/1.1\r\nHost: {origin.Url.Authority}\r\n" +
            "Connection: X-Session-Hint, X-Trace-Hop\r\nX-Session-Hint: secret\r\nX-Trace-Hop: 1\r\nKeep-Alive: timeout=5\r\n" +
            "Proxy-Connection: keep-alive\r\nTE: trailers\r\nTrailer: X-Checksum\r\nX-End-To-End: kept\r\n\r\n",
            Ct);
        var head = await connection.ReadHeadAsync(Ct);

        // Assert
        head.Should().StartWith("HTTP/1.1 200");
        foreach (var name in new[] { "Connection", "X-Session-Hint", "X-Trace-Hop", "Keep-Alive", "Proxy-Connection", "TE", "Trailer" })
        {
            origin.LastHeader(name).Should().BeNull($"{name} belongs to the client-proxy hop");
        }

        origin.LastHeader("X-End-To-End").Should().Be("kept");
    }

    [Fact]
    public async Task ResponseHopByHopHeaders_IncludingThoseNamedInConnection_DoNotReachTheClient()
    {
        // Arrange: an origin that writes its response head byte for byte.
        await using var origin = RawOrigin.Answering(
            "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: X-Backend-Hint\r\nX-Backend-Hint: internal\r\n" +
            "Keep-Alive: timeout=5\r\nProxy-Authenticate: Basic realm=\"origin\"\r\nUpgrade: h2c\r\nX-End-To-End: kept\r\n\r\nok");
        await using var proxy = SampleHost<ForwardProxyApp>.Start();
        await using var connection = await RawConnection.OpenAsync(proxy.BaseAddress, Ct);

        // Act
        await connection.SendAsync($"GET http://127.0.0.1:{origin.Port}/ HTTP/1.1\r\nHost: 127.0.0.1:{origin.Port}\r\n\r\n", Ct);
        var head = await connection.ReadHeadAsync(Ct);

        // Assert
        head.Should().StartWith("HTTP/1.1 200");
        head.Should().Contain("X-End-To-End: kept");
        head.Should().NotContainAny("X-Backend-Hint", "Keep-Alive", "Proxy-Authenticate", "Upgrade");
    }

    [Fact]
    public async Task Curl_WithProxyOption_GetsTheOriginsAnswer()
    {
        var curl = Curl.Require();
        using var origin = WireMockBackend.Start().Stub("/hello", body: "hello through the proxy");
        await using var proxy = SampleHost<ForwardProxyApp>.Start();

        var run = await curl.RunAsync("-x", proxy.BaseAddress.ToString(), "--noproxy", "", "-D", "-", new Uri(origin.Url, "/hello").ToString());

        run.ExitCode.Should().Be(0, run.StdErr);
        run.StdOut.Should().Contain("Via: 1.1 samples-forward-proxy").And.EndWith("hello through the proxy");
        origin.ReceivedCountFor("/hello").Should().Be(1);
    }

    [Fact]
    public async Task AccessLog_ProxiedRequest_OneLineWithTargetStatusAndFilterDecision()
    {
        await using var rig = ForwardProxyRig.Start(WireMockBackend.Start().Stub("/logged", body: "ok"), SampleHost<ForwardProxyApp>.Start(), p => ProxiedClient.Create(p.BaseAddress));
        var (origin, proxy, client) = rig;

        await client.GetAsync(new Uri(origin.Url, "/logged"), Ct);

        var entry = proxy.Services.GetRequiredService<AccessLog>().Recent.Should().ContainSingle(e => e.Target.EndsWith("/logged")).Subject;
        entry.Method.Should().Be("GET");
        entry.Status.Should().Be(200);
        entry.ToString().Should().Contain("filter=allowed").And.Contain("cache=");
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("BlockedHosts *.tracker.localhost", "tunnel up=10B down=20B ended-by=client")]
    public void AccessLog_ConsoleLine_IsTheEntrysOwnLine(string? filterRule, string? detail)
    {
        // Arrange: the line on the console and the entry the tour prints are written by two templates; they must agree.
        using var output = new StringWriter();
        using var provider = new BatchedConsoleLoggerProvider(output, Timeout.InfiniteTimeSpan);
        using var loggers = LoggerFactory.Create(logging => logging.AddProvider(provider));
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var entry = new AccessLogEntry("127.0.0.1", "GET", "http://origin.localhost/a?b=1", 200, TimeSpan.FromMilliseconds(1.5), "ForwardProxy; hit", filterRule, detail);

        // Act
        new AccessLog(loggers.CreateLogger<AccessLog>(), new ForwardProxyMetrics(services.GetRequiredService<IMeterFactory>())).Write(entry);
        provider.Flush();

        // Assert
        output.ToString().Split('\n')[1].Trim().Should().Be(entry.ToString());
    }
}
