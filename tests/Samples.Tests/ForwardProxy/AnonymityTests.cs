using Samples.ForwardProxy;

namespace Samples.Tests.ForwardProxy;

/// <summary>What an origin learns about the client at each anonymity level, with the client on 127.0.0.2 and the proxy on 127.0.0.1.</summary>
[Trait("Concept", "Anonymity")]
public sealed class AnonymityTests
{
    private static readonly string[] IdentifyingHeaders = ["X-Forwarded-For", "Forwarded", "X-Real-IP", "Client-IP", "True-Client-IP", "X-Client-IP"];

    [Fact]
    public async Task Transparent_ClientOnOtherLoopback_OriginSeesClientInXForwardedForAndVia()
    {
        // Arrange
        await using var rig = ForwardProxyRig.Start(WireMockBackend.Start().Stub("/whoami", body: "ok"), StartProxy("Transparent"), p => ProxiedClient.Create(p.BaseAddress, bindTo: ProxiedClient.OtherLoopback));
        var (origin, proxy, client) = rig;

        // Act
        var response = await client.GetAsync(new Uri(origin.Url, "/whoami"), Ct);

        // Assert
        ((int)response.StatusCode).Should().Be(200);
        origin.LastHeader("X-Forwarded-For").Should().Be("127.0.0.2");
        origin.LastHeader("Via").Should().Be("1.1 samples-forward-proxy");
        origin.LastReceived!.RequestMessage!.ClientIP.Should().Be("127.0.0.1", "the origin's TCP peer is the proxy");
        ResponseHeader(response, "Via").Should().Contain("samples-forward-proxy");
    }

    [Fact]
    public async Task Transparent_ClientSendsItsOwnXForwardedFor_RealAddressIsAppended()
    {
        await using var rig = ForwardProxyRig.Start(WireMockBackend.Start().Stub("/whoami", body: "ok"), StartProxy("Transparent"), p => ProxiedClient.Create(p.BaseAddress, bindTo: ProxiedClient.OtherLoopback));
        var (origin, proxy, client) = rig;
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(origin.Url, "/whoami"));
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");

        (await client.SendAsync(request, Ct)).EnsureSuccessStatusCode();

        origin.LastHeader("X-Forwarded-For").Should().Be("203.0.113.7, 127.0.0.2", "as Squid's forwarded_for on: the chain is kept and the real peer appended");
    }

    [Theory]
    [InlineData("Anonymous")]
    [InlineData("Elite")]
    public async Task HidingLevels_ClientSpoofsEveryIdentifyingHeader_NoneReachesTheOrigin(string level)
    {
        // Arrange
        await using var rig = ForwardProxyRig.Start(WireMockBackend.Start().Stub("/whoami", body: "ok"), StartProxy(level), p => ProxiedClient.Create(p.BaseAddress, bindTo: ProxiedClient.OtherLoopback));
        var (origin, proxy, client) = rig;
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(origin.Url, "/whoami"));
        foreach (var name in IdentifyingHeaders)
        {
            request.Headers.TryAddWithoutValidation(name, name == "Forwarded" ? "for=203.0.113.7" : "203.0.113.7");
        }

        // Act
        (await client.SendAsync(request, Ct)).EnsureSuccessStatusCode();

        // Assert
        foreach (var name in IdentifyingHeaders)
        {
            origin.LastHeader(name).Should().BeNull($"{level} removes {name}");
        }

        var seen = origin.LastReceived!.RequestMessage!;
        seen.ClientIP.Should().Be("127.0.0.1", "the origin sees the proxy's address, not the client's 127.0.0.2");
        seen.Headers!.Values.SelectMany(v => v).Should().NotContain(v => v.Contains("127.0.0.2") || v.Contains("203.0.113.7"));
    }

    [Fact]
    public async Task Anonymous_PlainRequest_ViaNamesTheProxyBothWays()
    {
        await using var rig = ForwardProxyRig.Start(WireMockBackend.Start().Stub("/page", body: "ok"), StartProxy("Anonymous"), p => ProxiedClient.Create(p.BaseAddress));
        var (origin, proxy, client) = rig;

        var response = await client.GetAsync(new Uri(origin.Url, "/page"), Ct);

        origin.LastHeader("Via").Should().Be("1.1 samples-forward-proxy");
        ResponseHeader(response, "Via").Should().Be("1.1 samples-forward-proxy");
    }

    [Fact]
    public async Task Elite_ClientBringsAVia_OriginSeesNoVia()
    {
        await using var rig = ForwardProxyRig.Start(WireMockBackend.Start().Stub("/page", body: "ok"), StartProxy("Elite"), p => ProxiedClient.Create(p.BaseAddress));
        var (origin, proxy, client) = rig;
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(origin.Url, "/page"));
        request.Headers.Via.ParseAdd("1.1 upstream-corporate-proxy");

        var response = await client.SendAsync(request, Ct);

        origin.LastHeader("Via").Should().BeNull("an elite proxy leaves no trace that a proxy was used");
        ResponseHeader(response, "Via").Should().BeNull();
    }

    [Fact]
    public async Task RemoveRequestHeaders_UserAgentRefererCookie_StrippedOthersKept()
    {
        using var origin = WireMockBackend.Start().Stub("/page", body: "ok");
        await using var proxy = StartProxy("Anonymous", new()
        {
            ["ForwardProxy:RemoveRequestHeaders:0"] = "User-Agent",
            ["ForwardProxy:RemoveRequestHeaders:1"] = "Referer",
            ["ForwardProxy:RemoveRequestHeaders:2"] = "Cookie",
        });
        using var client = ProxiedClient.Create(proxy.BaseAddress);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(origin.Url, "/page"));
        request.Headers.UserAgent.ParseAdd("TellTale/1.0");
        request.Headers.Referrer = new Uri("http://previous.localhost/secret-page");
        request.Headers.Add("Cookie", "session=abc");
        request.Headers.Add("X-Kept", "yes");

        (await client.SendAsync(request, Ct)).EnsureSuccessStatusCode();

        origin.LastHeader("User-Agent").Should().BeNull();
        origin.LastHeader("Referer").Should().BeNull();
        origin.LastHeader("Cookie").Should().BeNull();
        origin.LastHeader("X-Kept").Should().Be("yes");
    }

    private static SampleHost<ForwardProxyApp> StartProxy(string level, Dictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?> { ["ForwardProxy:Anonymity"] = level };
        foreach (var (key, value) in more ?? [])
        {
            settings[key] = value;
        }

        return SampleHost<ForwardProxyApp>.Start(settings);
    }

    private static string? ResponseHeader(HttpResponseMessage response, string header) => Scaffolding.Tour.HeaderValue(response, header);
}
