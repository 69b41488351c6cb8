using Samples.ForwardProxy;

namespace Samples.Tests.ForwardProxy;

/// <summary>Basic proxy authentication: 407 until the client proves itself, for CONNECT too, and the credentials stop at the proxy.</summary>
[Trait("Concept", "Filtering")]
public sealed class ProxyAuthenticationTests
{
    private static readonly Dictionary<string, string?> Users = new()
    {
        ["ForwardProxy:Authentication:Users:0"] = "alice:wonderland",
        ["ForwardProxy:Authentication:Users:1"] = "bob:builder",
    };

    [Fact]
    public async Task NoCredentials_PlainRequest_407WithBasicChallengeAndOriginUntouched()
    {
        await using var rig = ForwardProxyRig.Start(WireMockBackend.Start().Stub("/page", body: "ok"), SampleHost<ForwardProxyApp>.Start(Users), p => ProxiedClient.Create(p.BaseAddress));
        var (origin, proxy, client) = rig;

        var response = await client.GetAsync(new Uri(origin.Url, "/page"), Ct);

        ((int)response.StatusCode).Should().Be(407);
        response.Headers.ProxyAuthenticate.ToString().Should().Be("Basic realm=\"samples-forward-proxy\", charset=\"UTF-8\"");
        origin.ReceivedCount.Should().Be(0);
    }

    [Fact]
    public async Task ValidCredentials_PlainRequest_ForwardedWithoutProxyAuthorization()
    {
        await using var rig = ForwardProxyRig.Start(WireMockBackend.Start().Stub("/page", body: "ok"), SampleHost<ForwardProxyApp>.Start(Users), p => ProxiedClient.Create(p.BaseAddress, credentials: new NetworkCredential("bob", "builder")));
        var (origin, proxy, client) = rig;

        var response = await client.GetAsync(new Uri(origin.Url, "/page"), Ct);

        ((int)response.StatusCode).Should().Be(200);
        origin.LastHeader("Proxy-Authorization").Should().BeNull("the credentials are for the proxy, never for the origin");
        origin.LastReceived!.RequestMessage!.Headers!.Values.SelectMany(v => v).Should().NotContain(v => v.Contains("Basic"));
    }

    [Fact]
    public async Task WrongPassword_PlainRequest_407()
    {
        await using var rig = ForwardProxyRig.Start(WireMockBackend.Start().Stub("/page", body: "ok"), SampleHost<ForwardProxyApp>.Start(Users), p => ProxiedClient.Create(p.BaseAddress, credentials: new NetworkCredential("alice", "looking-glass")));
        var (origin, proxy, client) = rig;

        var response = await client.GetAsync(new Uri(origin.Url, "/page"), Ct);

        ((int)response.StatusCode).Should().Be(407);
        origin.ReceivedCount.Should().Be(0);
    }

    [Fact]
    public async Task NoCredentials_Connect_407BeforeAnyConnection()
    {
        await using var origin = new RawOrigin((_, _) => Task.CompletedTask);
        var settings = new Dictionary<string, string?>(Users) { ["ForwardProxy:AllowedConnectPorts:0"] = origin.Port.ToString(CultureInfo.InvariantCulture) };
        await using var proxy = SampleHost<ForwardProxyApp>.Start(settings);
        await using var connection = await RawConnection.OpenAsync(proxy.BaseAddress, Ct);

        await connection.SendConnectAsync("127.0.0.1", origin.Port, Ct);
        var (answer, _) = await connection.ReadAllAsync(TimeSpan.FromSeconds(5), Ct);

        answer.Should().StartWith("HTTP/1.1 407").And.Contain("Proxy-Authenticate: Basic realm=\"samples-forward-proxy\"");
        origin.Accepted.Should().Be(0);
    }

    [Fact]
    public async Task ValidCredentials_ConnectToHttpsOrigin_TunnelOpensAndAnswerArrives()
    {
        await using var origin = await HttpsOrigin.StartWithTestCaAsync(Ct);
        var settings = new Dictionary<string, string?>(Users) { ["ForwardProxy:AllowedConnectPorts:0"] = origin.Port.ToString(CultureInfo.InvariantCulture) };
        await using var proxy = SampleHost<ForwardProxyApp>.Start(settings);
        using var client = ProxiedClient.Create(proxy.BaseAddress, credentials: new NetworkCredential("alice", "wonderland"), trustedOrigin: origin.Ca);

        var body = await client.GetStringAsync(new Uri($"https://localhost:{origin.Port}/private"), Ct);

        body.Should().Be("https origin saw /private");
    }

    [Fact]
    public async Task Curl_ProxyUser_GetsThroughAndWithoutIt407()
    {
        var curl = Curl.Require();
        using var origin = WireMockBackend.Start().Stub("/page", body: "welcome");
        await using var proxy = SampleHost<ForwardProxyApp>.Start(Users);
        string[] common = ["-x", proxy.BaseAddress.ToString(), "--noproxy", "", "-o", "/dev/null", "-w", "%{http_code}"];

        var without = await curl.RunAsync([.. common, new Uri(origin.Url, "/page").ToString()]);
        var with = await curl.RunAsync([.. common, "--proxy-user", "alice:wonderland", new Uri(origin.Url, "/page").ToString()]);

        without.StdOut.Should().Be("407");
        with.StdOut.Should().Be("200");
        origin.LastHeader("Proxy-Authorization").Should().BeNull();
    }
}
