using Samples.ForwardProxy;

namespace Samples.Tests.ForwardProxy;

/// <summary>
/// Sample 01 chained to a real Squid, the parent a learner meets at work: plain
/// requests reach the origin through Squid, and tunnels are a CONNECT that Squid
/// opens. Needs squid (apt-get install squid); CI installs it.
/// </summary>
[Trait("Concept", "ParentProxy")]
public sealed class SquidParentTests
{
    [Fact]
    public async Task SquidAsParent_PlainRequest_ReachesTheOriginThroughSquid()
    {
        // Arrange
        using var squid = await SquidParent.StartAsync([], Ct);
        using var origin = WireMockBackend.Start().Stub("/through-squid", body: "origin");
        await using var proxy = SampleHost<ForwardProxyApp>.Start(new Dictionary<string, string?> { ["ForwardProxy:Upstream:Address"] = $"http://127.0.0.1:{squid.Port}" });
        using var client = ProxiedClient.Create(proxy.BaseAddress);
        var url = new Uri(origin.Url, "/through-squid");

        // Act
        var response = await client.GetAsync(url, Ct);

        // Assert: Squid appended its own Via entry after ours, and logged the request.
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(Ct)).Should().Be("origin");
        origin.LastHeader("Via").Should().StartWith("1.1 samples-forward-proxy").And.Contain(SquidParent.VisibleHostname);
        squid.AccessLog.Should().Contain($"GET {url.AbsoluteUri}");
        var log = await ProxyChain.LogOnceAsync(proxy, e => e.Target == url.AbsoluteUri, Ct);
        log.Should().ContainSingle(e => e.Target == url.AbsoluteUri).Which.Route.Should().Be($"via parent 127.0.0.1:{squid.Port}");
    }

    [Fact]
    public async Task SquidAsParent_Connect_SquidOpensTheTunnel()
    {
        // Arrange
        await using var origin = await HttpsOrigin.StartWithTestCaAsync(Ct);
        using var squid = await SquidParent.StartAsync([origin.Port], Ct);
        var settings = ProxyChain.ConnectPort(origin.Port);
        settings["ForwardProxy:Upstream:Address"] = $"http://127.0.0.1:{squid.Port}";
        await using var proxy = SampleHost<ForwardProxyApp>.Start(settings);
        using var client = ProxiedClient.Create(proxy.BaseAddress, trustedOrigin: origin.Ca);

        // Act
        var body = await client.GetStringAsync(new Uri($"https://127.0.0.1:{origin.Port}/secret"), Ct);
        client.Dispose();

        // Assert: Squid writes a tunnel's line when it closes.
        body.Should().Be("https origin saw /secret");
        var log = await ProxyChain.LogOnceAsync(proxy, e => e.Method == "CONNECT", Ct);
        log.Should().ContainSingle(e => e.Method == "CONNECT").Which.Route.Should().Be($"via parent 127.0.0.1:{squid.Port}");
        for (var i = 0; i < 50 && !squid.AccessLog.Contains("CONNECT", StringComparison.Ordinal); i++)
        {
            await Task.Delay(100, Ct);
        }

        squid.AccessLog.Should().Contain($"CONNECT 127.0.0.1:{origin.Port}");
    }

    [Fact]
    public async Task SquidAsParent_RefusesTheTunnelPort_502NamingSquid()
    {
        // Arrange: Squid allows CONNECT to 443 only; the sample allows the origin's port.
        await using var origin = await HttpsOrigin.StartWithTestCaAsync(Ct);
        using var squid = await SquidParent.StartAsync([], Ct);
        var settings = ProxyChain.ConnectPort(origin.Port);
        settings["ForwardProxy:Upstream:Address"] = $"http://127.0.0.1:{squid.Port}";
        await using var proxy = SampleHost<ForwardProxyApp>.Start(settings);
        await using var connection = await RawConnection.OpenAsync(proxy.BaseAddress, Ct);

        // Act
        await connection.SendConnectAsync("127.0.0.1", origin.Port, Ct);
        var (answer, _) = await connection.ReadAllAsync(TimeSpan.FromSeconds(10), Ct);

        // Assert
        answer.Should().StartWith("HTTP/1.1 502").And.Contain($"parent proxy 127.0.0.1:{squid.Port}").And.Contain("403");
        origin.Seen.Should().BeEmpty();
    }
}
