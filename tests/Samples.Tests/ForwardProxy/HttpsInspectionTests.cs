using System.Security.Authentication;
using Samples.ForwardProxy;

namespace Samples.Tests.ForwardProxy;

/// <summary>
/// HTTPS inspection: for the hosts it names, the proxy ends the client's TLS with
/// a certificate from its own root, applies the same rules as to plain HTTP, and
/// fetches from the origin over TLS that it validates itself.
/// </summary>
[Trait("Concept", "HttpsInspection")]
public sealed class HttpsInspectionTests : IAsyncLifetime
{
    private readonly X509Certificate2 _originCa = TestCertificates.CreateCa("Test origin CA");
    private X509Certificate2 _originLeaf = null!;
    private HttpsOrigin _origin = null!;
    private string _originCaPem = string.Empty;

    public async ValueTask InitializeAsync()
    {
        _originLeaf = TestCertificates.CreateLeaf(_originCa, ["localhost", "127.0.0.1"]);
        _origin = await HttpsOrigin.StartAsync(_originLeaf, Ct);
        (_originCaPem, _) = TestCertificates.WritePem(_originCa);
    }

    public async ValueTask DisposeAsync()
    {
        await _origin.DisposeAsync();
        _originLeaf.Dispose();
        _originCa.Dispose();
    }

    [Fact]
    public async Task Inspected_ClientTrustsTheRoot_GetsTheContentWithTheAnonymityLevelApplied()
    {
        // Arrange
        await using var proxy = StartInspectingProxy();
        var root = proxy.Services.GetRequiredService<RootCertificateAuthority>();
        using var client = ProxiedClient.Create(proxy.BaseAddress, bindTo: ProxiedClient.OtherLoopback, trustedOrigin: root.Certificate);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"https://localhost:{_origin.Port}/account"));
        request.Headers.TryAddWithoutValidation("X-Forwarded-For", "203.0.113.7");

        // Act
        var response = await client.SendAsync(request, Ct);

        // Assert
        (await response.Content.ReadAsStringAsync(Ct)).Should().Be("https origin saw /account");
        var seen = _origin.LastSeen!;
        seen.Header("X-Forwarded-For").Should().BeNull("the default level, Anonymous, applies inside the tunnel too");
        seen.Header("Via").Should().Be("1.1 samples-forward-proxy");
        seen.RemoteAddress.Should().Be("127.0.0.1", "the origin's TCP peer is the proxy, not the client on 127.0.0.2");
        var log = proxy.Services.GetRequiredService<AccessLog>().Recent;
        log.Should().Contain(e => e.Target == $"https://localhost:{_origin.Port}/account" && e.Status == 200, "inspection shows the proxy the path");
    }

    [Fact]
    public async Task Inspected_LeafCertificate_IssuedByTheRootForTheHostWithShortValidity()
    {
        await using var proxy = StartInspectingProxy();
        var root = proxy.Services.GetRequiredService<RootCertificateAuthority>();
        await using var connection = await RawConnection.OpenAsync(proxy.BaseAddress, Ct);
        await connection.SendConnectAsync("localhost", _origin.Port, Ct);
        (await connection.ReadHeadAsync(Ct)).Should().StartWith("HTTP/1.1 200");

        await using var tls = new SslStream(new System.Net.Sockets.NetworkStream(connection.Socket, ownsSocket: false));
        var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
        policy.CustomTrustStore.Add(root.Certificate);
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "localhost", CertificateChainPolicy = policy }, Ct);

        using var leaf = new X509Certificate2(tls.RemoteCertificate!);
        leaf.Issuer.Should().Be(root.Certificate.Subject);
        leaf.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single().EnumerateDnsNames().Should().Equal("localhost");
        (leaf.NotAfter - leaf.NotBefore).Should().BeLessThanOrEqualTo(TimeSpan.FromDays(3));
        File.ReadAllText(root.PublicPemPath).Should().Contain("BEGIN CERTIFICATE").And.NotContain("PRIVATE KEY");
    }

    [Fact]
    public async Task Inspected_BlockedUrlPattern_HttpsPathGets403()
    {
        await using var proxy = StartInspectingProxy(new() { ["ForwardProxy:Filter:BlockedUrlPatterns:0"] = "/admin/" });
        using var client = ProxiedClient.Create(proxy.BaseAddress, trustedOrigin: proxy.Services.GetRequiredService<RootCertificateAuthority>().Certificate);

        var blocked = await client.GetAsync(new Uri($"https://localhost:{_origin.Port}/admin/users"), Ct);
        var allowed = await client.GetAsync(new Uri($"https://localhost:{_origin.Port}/news"), Ct);

        ((int)blocked.StatusCode).Should().Be(403);
        (await blocked.Content.ReadAsStringAsync(Ct)).Should().Contain("BlockedUrlPatterns /admin/");
        ((int)allowed.StatusCode).Should().Be(200);
        _origin.Seen.Should().NotContain(s => s.Path.StartsWith("/admin", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Inspected_CacheableResponse_SecondRequestIsAHit()
    {
        await using var proxy = StartInspectingProxy();
        using var client = ProxiedClient.Create(proxy.BaseAddress, trustedOrigin: proxy.Services.GetRequiredService<RootCertificateAuthority>().Certificate);
        var url = new Uri($"https://localhost:{_origin.Port}/cacheable/{Guid.NewGuid():N}");

        var first = await client.GetAsync(url, Ct);
        if (!first.Headers.Contains("Cache-Status"))
        {
            Assert.Skip("no cache is wired into this build (Caching/ passes every request through)");
        }

        var second = await client.GetAsync(url, Ct);

        string.Join(",", second.Headers.GetValues("Cache-Status")).Should().Contain("hit");
        _origin.Seen.Count(s => s.Path == url.AbsolutePath).Should().Be(1);
    }

    [Fact]
    public async Task Inspected_ClientDoesNotTrustTheRoot_HandshakeFails()
    {
        await using var proxy = StartInspectingProxy();
        using var client = ProxiedClient.Create(proxy.BaseAddress, trustedOrigin: _originCa);

        var act = () => client.GetAsync(new Uri($"https://localhost:{_origin.Port}/account"), Ct);

        (await act.Should().ThrowAsync<HttpRequestException>()).WithInnerException<AuthenticationException>();
        _origin.Seen.Should().BeEmpty("nothing is fetched for a client that refused the proxy's certificate");
    }

    [Fact]
    public async Task Inspected_OriginCertificateFromAnUnknownCa_502SayingWhy()
    {
        await using var proxy = SampleHost<ForwardProxyApp>.Start(new Dictionary<string, string?>
        {
            ["ForwardProxy:HttpsInspection:Enabled"] = "true",
            ["ForwardProxy:HttpsInspection:Hosts:0"] = "localhost",
            ["ForwardProxy:AllowedConnectPorts:0"] = _origin.Port.ToString(CultureInfo.InvariantCulture),
        });
        using var client = ProxiedClient.Create(proxy.BaseAddress, trustedOrigin: proxy.Services.GetRequiredService<RootCertificateAuthority>().Certificate);

        var response = await client.GetAsync(new Uri($"https://localhost:{_origin.Port}/account"), Ct);

        ((int)response.StatusCode).Should().Be(502);
        (await response.Content.ReadAsStringAsync(Ct)).Should().Contain("certificate of localhost:").And.Contain("not trusted");
        _origin.Seen.Should().BeEmpty();
    }

    [Fact]
    public async Task HostNotInHosts_StaysABlindTunnel()
    {
        await using var proxy = StartInspectingProxy(new() { ["ForwardProxy:HttpsInspection:Hosts:0"] = "*.inspected.localhost" });
        using var client = ProxiedClient.Create(proxy.BaseAddress, trustedOrigin: _originCa);

        var body = await client.GetStringAsync(new Uri($"https://localhost:{_origin.Port}/private"), Ct);
        client.Dispose();

        body.Should().Be("https origin saw /private", "the client validated the origin's own certificate, end to end");
        var log = proxy.Services.GetRequiredService<AccessLog>();
        for (var i = 0; i < 50 && !log.Recent.Any(e => e.Method == "CONNECT"); i++)
        {
            await Task.Delay(100, Ct);
        }

        log.Recent.Should().ContainSingle(e => e.Method == "CONNECT").Which.Detail.Should().StartWith("tunnel up=");
        log.Recent.Should().NotContain(e => e.Target.Contains("/private"));
    }

    [Fact]
    public async Task Curl_CacertRoot_GetsTheOriginsAnswerThroughAnInspectedTunnel()
    {
        var curl = Curl.Require();
        await using var proxy = StartInspectingProxy();
        var root = proxy.Services.GetRequiredService<RootCertificateAuthority>();

        var trusted = await curl.RunAsync("-x", proxy.BaseAddress.ToString(), "--noproxy", "", "--cacert", root.PublicPemPath, $"https://localhost:{_origin.Port}/via-curl");
        var untrusted = await curl.RunAsync("-x", proxy.BaseAddress.ToString(), "--noproxy", "", "--cacert", _originCaPem, $"https://localhost:{_origin.Port}/via-curl");

        trusted.ExitCode.Should().Be(0, trusted.StdErr);
        trusted.StdOut.Should().Be("https origin saw /via-curl");
        untrusted.ExitCode.Should().Be(60, "curl refuses a certificate from a root it was not told to trust: " + untrusted.StdErr);
    }

    private SampleHost<ForwardProxyApp> StartInspectingProxy(Dictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ForwardProxy:HttpsInspection:Enabled"] = "true",
            ["ForwardProxy:HttpsInspection:Hosts:0"] = "localhost",
            ["ForwardProxy:HttpsInspection:TrustedOriginCaPath"] = _originCaPem,
            ["ForwardProxy:AllowedConnectPorts:0"] = _origin.Port.ToString(CultureInfo.InvariantCulture),
        };
        foreach (var (key, value) in more ?? [])
        {
            settings[key] = value;
        }

        return SampleHost<ForwardProxyApp>.Start(settings);
    }
}
