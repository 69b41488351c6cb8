using Samples.ForwardProxy;

namespace Samples.Tests.ForwardProxy;

/// <summary>
/// ForwardProxy:Upstream: sample 01 chained to a parent proxy (a second copy of
/// itself), for plain requests and CONNECT tunnels, with the bypass list, the
/// parent's credentials, and a parent that is down or refuses.
/// </summary>
[Trait("Concept", "ParentProxy")]
public sealed class ParentProxyTests
{
    private const string Alice = "alice:secret";

    [Fact]
    public async Task PlainRequest_WithParent_ReachesTheOriginThroughTheParent()
    {
        // Arrange
        using var origin = WireMockBackend.Start().Stub("/chained", body: "from the origin");
        await using var chain = ProxyChain.Start();
        using var client = ProxiedClient.Create(chain.Child.BaseAddress);
        var url = new Uri(origin.Url, "/chained");

        // Act
        var response = await client.GetAsync(url, Ct);

        // Assert: the parent fetched it, and each proxy logged the way it took.
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(Ct)).Should().Be("from the origin");
        origin.LastHeader("Via").Should().Be("1.1 samples-forward-proxy, 1.1 samples-forward-proxy", "each proxy on the way appends its Via entry");
        var parentLog = await ProxyChain.LogOnceAsync(chain.Parent, e => e.Target == url.AbsoluteUri, Ct);
        parentLog.Should().ContainSingle(e => e.Target == url.AbsoluteUri).Which.Route.Should().Be("direct", "the parent has no parent of its own");
        var childLog = await ProxyChain.LogOnceAsync(chain.Child, e => e.Target == url.AbsoluteUri, Ct);
        childLog.Should().ContainSingle(e => e.Target == url.AbsoluteUri).Which.Route.Should().Be($"via parent {chain.ParentAuthority}");
        childLog.Single(e => e.Target == url.AbsoluteUri).ToString().Should().Contain($"via parent {chain.ParentAuthority}");
    }

    [Fact]
    public async Task Connect_WithParent_TheTunnelRunsThroughTheParent()
    {
        // Arrange
        await using var origin = await HttpsOrigin.StartWithTestCaAsync(Ct);
        await using var chain = ProxyChain.Start(ProxyChain.ConnectPort(origin.Port), ProxyChain.ConnectPort(origin.Port));
        using var client = ProxiedClient.Create(chain.Child.BaseAddress, trustedOrigin: origin.Ca);
        var authority = $"127.0.0.1:{origin.Port}";

        // Act
        var body = await client.GetStringAsync(new Uri($"https://{authority}/secret"), Ct);
        client.Dispose();

        // Assert: the client's TLS ran end to end, and the parent opened the tunnel to the origin.
        body.Should().Be("https origin saw /secret");
        var parentLog = await ProxyChain.LogOnceAsync(chain.Parent, e => e.Method == "CONNECT", Ct);
        parentLog.Should().ContainSingle(e => e.Method == "CONNECT" && e.Target == authority && e.Status == 200).Which.Route.Should().Be("direct");
        var childLog = await ProxyChain.LogOnceAsync(chain.Child, e => e.Method == "CONNECT", Ct);
        childLog.Should().ContainSingle(e => e.Method == "CONNECT" && e.Target == authority && e.Status == 200).Which.Route.Should().Be($"via parent {chain.ParentAuthority}");
    }

    [Fact]
    public async Task BypassedHost_WithParent_IsFetchedDirectly()
    {
        // Arrange: the same origin by two names; only "localhost" is in the bypass list.
        using var origin = WireMockBackend.Start().Stub("/*", body: "origin");
        await using var chain = ProxyChain.Start(childSettings: new() { ["ForwardProxy:Upstream:Bypass:0"] = "localhost" });
        using var client = ProxiedClient.Create(chain.Child.BaseAddress);
        var bypassed = new Uri($"http://localhost:{origin.Port}/bypassed");
        var chained = new Uri($"http://127.0.0.1:{origin.Port}/chained");

        // Act
        (await client.GetAsync(bypassed, Ct)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.GetAsync(chained, Ct)).StatusCode.Should().Be(HttpStatusCode.OK);

        // Assert
        var childLog = await ProxyChain.LogOnceAsync(chain.Child, e => e.Target == chained.AbsoluteUri, Ct);
        childLog.Should().ContainSingle(e => e.Target == bypassed.AbsoluteUri).Which.Route.Should().Be("direct");
        childLog.Should().ContainSingle(e => e.Target == chained.AbsoluteUri).Which.Route.Should().Be($"via parent {chain.ParentAuthority}");
        var parentLog = await ProxyChain.LogOnceAsync(chain.Parent, e => e.Target == chained.AbsoluteUri, Ct);
        parentLog.Should().Contain(e => e.Target == chained.AbsoluteUri);
        parentLog.Should().NotContain(e => e.Target.Contains("/bypassed"), "a bypassed host never reaches the parent");
    }

    [Fact]
    public async Task Credentials_ParentRequiresThem_TheParentGetsThemAndTheOriginNever()
    {
        // Arrange: the parent asks for a user; the client of the child sends none.
        using var origin = WireMockBackend.Start().Stub("/upload", body: "stored", method: "POST");
        await using var chain = ProxyChain.Start(
            new() { ["ForwardProxy:Authentication:Users:0"] = Alice },
            new() { ["ForwardProxy:Upstream:Credentials"] = Alice });
        using var client = ProxiedClient.Create(chain.Child.BaseAddress);

        // Act: a request with a body, which a 407 round trip could not send twice.
        var response = await client.PostAsync(new Uri(origin.Url, "/upload"), new StringContent("payload"), Ct);

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        origin.LastReceived!.RequestMessage!.Body.Should().Be("payload");
        origin.LastHeader("Proxy-Authorization").Should().BeNull("credentials for a proxy stop at that proxy");
    }

    [Fact]
    public async Task Credentials_OnTheWire_AbsoluteFormWithOursAndNeverTheClients()
    {
        // Arrange: the child asks its clients for alice; a raw "parent" records the head it is sent.
        var heads = new System.Collections.Concurrent.ConcurrentQueue<string>();
        await using var parent = new RawOrigin(async (socket, token) =>
        {
            heads.Enqueue(await RawOrigin.ReadHeadAsync(socket, token));
            await socket.SendAsync("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"u8.ToArray(), System.Net.Sockets.SocketFlags.None, token);
        });
        await using var proxy = SampleHost<ForwardProxyApp>.Start(new Dictionary<string, string?>
        {
            ["ForwardProxy:Authentication:Users:0"] = Alice,
            ["ForwardProxy:Upstream:Address"] = $"http://127.0.0.1:{parent.Port}",
            ["ForwardProxy:Upstream:Credentials"] = "child:for-the-parent",
        });
        using var client = ProxiedClient.Create(proxy.BaseAddress, credentials: new NetworkCredential("alice", "secret"));

        // Act
        var response = await client.GetAsync(new Uri("http://127.0.0.1:5999/wire?q=1"), Ct);

        // Assert
        (await response.Content.ReadAsStringAsync(Ct)).Should().Be("ok");
        var head = heads.Should().ContainSingle().Subject;
        head.Should().StartWith("GET http://127.0.0.1:5999/wire?q=1 HTTP/1.1\r\n", "a parent proxy is asked in absolute form");
        head.Should().Contain("Proxy-Authorization: Basic " + Convert.ToBase64String("child:for-the-parent"u8.ToArray()));
        head.Should().NotContain(Convert.ToBase64String("alice:secret"u8.ToArray()), "the client's credentials were for the child");
    }

    [Fact]
    public async Task Credentials_ForATunnel_TheParentOpensIt()
    {
        // Arrange
        await using var origin = await HttpsOrigin.StartWithTestCaAsync(Ct);
        var parentSettings = ProxyChain.ConnectPort(origin.Port);
        parentSettings["ForwardProxy:Authentication:Users:0"] = Alice;
        var childSettings = ProxyChain.ConnectPort(origin.Port);
        childSettings["ForwardProxy:Upstream:Credentials"] = Alice;
        await using var chain = ProxyChain.Start(parentSettings, childSettings);
        using var client = ProxiedClient.Create(chain.Child.BaseAddress, trustedOrigin: origin.Ca);

        // Act
        var body = await client.GetStringAsync(new Uri($"https://127.0.0.1:{origin.Port}/account"), Ct);

        // Assert
        body.Should().Be("https origin saw /account");
        origin.LastSeen!.Header("Proxy-Authorization").Should().BeNull();
    }

    [Fact]
    public async Task InspectedRequest_WithParentThatWantsCredentials_GoesThroughATunnelTheParentOpens()
    {
        // Arrange: the child decrypts tunnels to localhost; what it then fetches over https
        // travels through a CONNECT of HttpClient's own to the parent, which asks for a user.
        await using var origin = await HttpsOrigin.StartWithTestCaAsync(Ct);
        var (originCaPem, _) = TestCertificates.WritePem(origin.Ca);
        var parentSettings = ProxyChain.ConnectPort(origin.Port);
        parentSettings["ForwardProxy:Authentication:Users:0"] = Alice;
        var childSettings = ProxyChain.ConnectPort(origin.Port);
        childSettings["ForwardProxy:Upstream:Credentials"] = Alice;
        childSettings["ForwardProxy:HttpsInspection:Enabled"] = "true";
        childSettings["ForwardProxy:HttpsInspection:Hosts:0"] = "localhost";
        childSettings["ForwardProxy:HttpsInspection:TrustedOriginCaPath"] = originCaPem;
        await using var chain = ProxyChain.Start(parentSettings, childSettings);
        var root = chain.Child.Services.GetRequiredService<RootCertificateAuthority>();
        using var client = ProxiedClient.Create(chain.Child.BaseAddress, trustedOrigin: root.Certificate);
        var url = new Uri($"https://localhost:{origin.Port}/inspected");

        // Act
        var body = await client.GetStringAsync(url, Ct);

        // Assert: the child saw the path; the parent saw only a tunnel, challenged it (407) and let the
        // answer to its challenge through (the open tunnel's own line comes when the pool closes it).
        body.Should().Be("https origin saw /inspected");
        origin.LastSeen!.Header("Proxy-Authorization").Should().BeNull("a header set on an https request would travel inside the tunnel, to the origin");
        var childLog = await ProxyChain.LogOnceAsync(chain.Child, e => e.Target == url.AbsoluteUri, Ct);
        childLog.Should().ContainSingle(e => e.Target == url.AbsoluteUri).Which.Route.Should().Be($"via parent {chain.ParentAuthority}");
        var parentLog = await ProxyChain.LogOnceAsync(chain.Parent, e => e.Method == "CONNECT", Ct);
        parentLog.Should().Contain(e => e.Method == "CONNECT" && e.Target == $"localhost:{origin.Port}" && e.Status == 407);
        parentLog.Should().NotContain(e => e.Target.Contains("/inspected"), "the parent sees host and port only");
    }

    [Fact]
    public async Task WrongCredentials_PlainRequest_502NamingTheParentAndTheKey()
    {
        // Arrange
        using var origin = WireMockBackend.Start().Stub("/x", body: "origin");
        await using var chain = ProxyChain.Start(
            new() { ["ForwardProxy:Authentication:Users:0"] = Alice },
            new() { ["ForwardProxy:Upstream:Credentials"] = "alice:wrong" });
        using var client = ProxiedClient.Create(chain.Child.BaseAddress);

        // Act
        var response = await client.GetAsync(new Uri(origin.Url, "/x"), Ct);

        // Assert: not the parent's 407, which would ask the client for a password we never forward.
        response.StatusCode.Should().Be(HttpStatusCode.BadGateway);
        response.Headers.ProxyAuthenticate.Should().BeEmpty();
        (await response.Content.ReadAsStringAsync(Ct)).Should().Contain($"parent proxy {chain.ParentAuthority}").And.Contain("ForwardProxy:Upstream:Credentials");
        origin.ReceivedCount.Should().Be(0);
    }

    [Fact]
    public async Task WrongCredentials_Connect_502NamingTheParentAndTheKey()
    {
        // Arrange
        await using var origin = await HttpsOrigin.StartWithTestCaAsync(Ct);
        var parentSettings = ProxyChain.ConnectPort(origin.Port);
        parentSettings["ForwardProxy:Authentication:Users:0"] = Alice;
        await using var chain = ProxyChain.Start(parentSettings, ProxyChain.ConnectPort(origin.Port));

        // Act
        var (status, body) = await ConnectAsync(chain.Child, origin.Port);

        // Assert
        status.Should().StartWith("HTTP/1.1 502");
        body.Should().Contain($"parent proxy {chain.ParentAuthority}").And.Contain("ForwardProxy:Upstream:Credentials");
        origin.Seen.Should().BeEmpty();
    }

    [Fact]
    public async Task ParentDown_PlainRequest_502NamingTheParent()
    {
        // Arrange: nothing listens where the parent should be.
        var parent = $"127.0.0.1:{FreePort.Next()}";
        using var origin = WireMockBackend.Start().Stub("/x", body: "origin");
        await using var proxy = SampleHost<ForwardProxyApp>.Start(new Dictionary<string, string?> { ["ForwardProxy:Upstream:Address"] = $"http://{parent}" });
        using var client = ProxiedClient.Create(proxy.BaseAddress);
        var url = new Uri(origin.Url, "/x");

        // Act
        var response = await client.GetAsync(url, Ct);

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.BadGateway);
        (await response.Content.ReadAsStringAsync(Ct)).Should().Contain($"the parent proxy {parent} (ForwardProxy:Upstream:Address)");
        origin.ReceivedCount.Should().Be(0, "without its parent the proxy does not fall back to going direct");
        var log = await ProxyChain.LogOnceAsync(proxy, e => e.Target == url.AbsoluteUri, Ct);
        log.Should().ContainSingle(e => e.Target == url.AbsoluteUri).Which.Route.Should().Be($"via parent {parent}");
    }

    [Fact]
    public async Task ParentDown_Connect_502NamingTheParent()
    {
        // Arrange
        var parent = $"127.0.0.1:{FreePort.Next()}";
        await using var origin = await HttpsOrigin.StartWithTestCaAsync(Ct);
        var settings = ProxyChain.ConnectPort(origin.Port);
        settings["ForwardProxy:Upstream:Address"] = $"http://{parent}";
        await using var proxy = SampleHost<ForwardProxyApp>.Start(settings);

        // Act
        var (status, body) = await ConnectAsync(proxy, origin.Port);

        // Assert
        status.Should().StartWith("HTTP/1.1 502");
        body.Should().Contain($"the parent proxy {parent} (ForwardProxy:Upstream:Address)");
        origin.Seen.Should().BeEmpty();
    }

    [Theory]
    [InlineData("")]
    [InlineData("SSH-2.0-OpenSSH_9.2\r\n")]
    [InlineData("HTTP/1.1 abc Nonsense\r\n\r\n")]
    public async Task ParentAnswersNoHttp_Connect_502NamingTheParentAndTheProxyServesOn(string answer)
    {
        // Arrange: a "parent" that reads the CONNECT, answers something that is no HTTP status (or nothing) and closes.
        await using var parent = RawOrigin.Answering(answer);
        await using var origin = await HttpsOrigin.StartWithTestCaAsync(Ct);
        var settings = ProxyChain.ConnectPort(origin.Port);
        settings["ForwardProxy:Upstream:Address"] = $"http://127.0.0.1:{parent.Port}";
        settings["ForwardProxy:Upstream:Bypass:0"] = "localhost";
        await using var proxy = SampleHost<ForwardProxyApp>.Start(settings);
        using var client = ProxiedClient.Create(proxy.BaseAddress, trustedOrigin: origin.Ca);

        // Act
        var (status, body) = await ConnectAsync(proxy, origin.Port);
        var afterwards = await client.GetStringAsync(new Uri($"https://localhost:{origin.Port}/still-serving"), Ct);

        // Assert
        status.Should().StartWith("HTTP/1.1 502");
        body.Should().Contain($"parent proxy 127.0.0.1:{parent.Port}");
        afterwards.Should().Be("https origin saw /still-serving", "a broken parent costs one tunnel, not the proxy");
    }

    [Fact]
    public async Task SilentParent_ConnectAndPlainRequest_504NamingTheParent()
    {
        // Arrange: a parent that accepts, reads the request head and never answers.
        await using var parent = new RawOrigin(async (socket, token) =>
        {
            await RawOrigin.ReadHeadAsync(socket, token);
            await Task.Delay(Timeout.Infinite, token);
        });
        var settings = ProxyChain.ConnectPort(443);
        settings["ForwardProxy:Upstream:Address"] = $"http://127.0.0.1:{parent.Port}";
        settings["ForwardProxy:UpstreamTimeout"] = "00:00:01";
        await using var proxy = SampleHost<ForwardProxyApp>.Start(settings);
        using var client = ProxiedClient.Create(proxy.BaseAddress);

        // Act
        var (status, body) = await ConnectAsync(proxy, 443);
        var plain = await client.GetAsync(new Uri("http://127.0.0.1:5999/slow"), Ct);

        // Assert
        status.Should().StartWith("HTTP/1.1 504");
        body.Should().Contain($"the parent proxy 127.0.0.1:{parent.Port} (asked for 127.0.0.1:443)");
        plain.StatusCode.Should().Be(HttpStatusCode.GatewayTimeout);
        (await plain.Content.ReadAsStringAsync(Ct)).Should().Contain($"the parent proxy 127.0.0.1:{parent.Port} (asked for 127.0.0.1:5999)");
    }

    [Fact]
    public async Task ParentRefusesTheTunnel_PortNotAllowedThere_502NamingTheParentAndItsAnswer()
    {
        // Arrange: the child allows the port, the parent does not (it keeps its default, 443).
        await using var origin = await HttpsOrigin.StartWithTestCaAsync(Ct);
        await using var chain = ProxyChain.Start(childSettings: ProxyChain.ConnectPort(origin.Port));

        // Act
        var (status, body) = await ConnectAsync(chain.Child, origin.Port);

        // Assert
        status.Should().StartWith("HTTP/1.1 502");
        body.Should().Contain($"parent proxy {chain.ParentAuthority}").And.Contain("403");
        origin.Seen.Should().BeEmpty();
    }

    [Fact]
    public async Task OriginDown_BehindTheParent_TheParentsOwn502ReachesTheClient()
    {
        // Arrange
        await using var chain = ProxyChain.Start();
        using var client = ProxiedClient.Create(chain.Child.BaseAddress);
        var origin = $"127.0.0.1:{FreePort.Next()}";

        // Act
        var response = await client.GetAsync(new Uri($"http://{origin}/"), Ct);

        // Assert: the parent is fine; its answer, which names the origin, is passed on as it is.
        response.StatusCode.Should().Be(HttpStatusCode.BadGateway);
        var body = await response.Content.ReadAsStringAsync(Ct);
        body.Should().Contain(origin).And.NotContain("parent proxy");
    }

    [Fact]
    public async Task ParentIsTheProxyItself_508InsteadOfALoop()
    {
        // Arrange: the proxy's own address as its parent.
        var self = $"127.0.0.1:{FreePort.Next()}";
        using var origin = WireMockBackend.Start().Stub("/x", body: "origin");
        await using var proxy = SampleHost<ForwardProxyApp>.Start(
            new Dictionary<string, string?> { ["ForwardProxy:Upstream:Address"] = $"http://{self}", ["ForwardProxy:Anonymity"] = "Elite" },
            urls: $"http://{self}");
        using var client = ProxiedClient.Create(proxy.BaseAddress);

        // Act
        var response = await client.GetAsync(new Uri(origin.Url, "/x"), Ct);

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.LoopDetected);
        (await response.Content.ReadAsStringAsync(Ct)).Should().Contain("ForwardProxy:Upstream:Address");
        origin.ReceivedCount.Should().Be(0);
    }

    // A CONNECT by hand, to read the status line and body of a refusal.
    private static async Task<(string StatusLine, string Body)> ConnectAsync(SampleHost<ForwardProxyApp> proxy, int port)
    {
        await using var connection = await RawConnection.OpenAsync(proxy.BaseAddress, Ct);
        await connection.SendConnectAsync("127.0.0.1", port, Ct);
        var (text, _) = await connection.ReadAllAsync(TimeSpan.FromSeconds(10), Ct);
        var lines = text.Split("\r\n");
        return (lines[0], text[(text.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..]);
    }
}
