using Samples.ForwardProxy;

namespace Samples.Tests.ForwardProxy;

/// <summary>Host and URL filters, the CONNECT port list: 403 naming the rule, and no connection to what was refused.</summary>
[Trait("Concept", "Filtering")]
public sealed class FilteringTests
{
    [Fact]
    public async Task BlockedHost_ExactName_403NamesTheRuleAndOriginNeverContacted()
    {
        // Arrange: block the origin's own address, so a request that slipped through would show in its log.
        await using var rig = ForwardProxyRig.Start(WireMockBackend.Start().Stub("/page", body: "should not be seen"), SampleHost<ForwardProxyApp>.Start(new Dictionary<string, string?> { ["ForwardProxy:Filter:BlockedHosts:0"] = "127.0.0.1" }), p => ProxiedClient.Create(p.BaseAddress));
        var (origin, proxy, client) = rig;

        // Act
        var response = await client.GetAsync(new Uri(origin.Url, "/page"), Ct);

        // Assert
        ((int)response.StatusCode).Should().Be(403);
        (await response.Content.ReadAsStringAsync(Ct)).Should().Contain("BlockedHosts 127.0.0.1");
        origin.ReceivedCount.Should().Be(0);
    }

    [Theory]
    [InlineData("tracker.localhost", true)]
    [InlineData("ads.tracker.localhost", true)]
    [InlineData("deep.ads.TRACKER.localhost", true)]
    [InlineData("nottracker.localhost", false)]
    [InlineData("localhost", false)]
    public async Task BlockedHost_Wildcard_MatchesTheDomainAndEverythingUnderIt(string host, bool blocked)
    {
        await using var rig = ForwardProxyRig.Start(WireMockBackend.Start().Stub("/page", body: "ok"), SampleHost<ForwardProxyApp>.Start(new Dictionary<string, string?> { ["ForwardProxy:Filter:BlockedHosts:0"] = "*.tracker.localhost" }), p => ProxiedClient.Create(p.BaseAddress));
        var (origin, proxy, client) = rig;

        var response = await client.GetAsync(new Uri($"http://{host}:{origin.Port}/page"), Ct);

        if (blocked)
        {
            ((int)response.StatusCode).Should().Be(403);
            (await response.Content.ReadAsStringAsync(Ct)).Should().Contain("BlockedHosts *.tracker.localhost");
        }
        else
        {
            ((int)response.StatusCode).Should().NotBe(403);
        }
    }

    [Fact]
    public async Task BlockedUrlPattern_MatchingPath_403OtherPathsPass()
    {
        await using var rig = ForwardProxyRig.Start(WireMockBackend.Start().Stub("/ads/banner.png", body: "ad").Stub("/news", body: "news"), SampleHost<ForwardProxyApp>.Start(new Dictionary<string, string?> { ["ForwardProxy:Filter:BlockedUrlPatterns:0"] = "^http://[^/]+/ads/" }), p => ProxiedClient.Create(p.BaseAddress));
        var (origin, proxy, client) = rig;

        var blocked = await client.GetAsync(new Uri(origin.Url, "/ads/banner.png"), Ct);
        var allowed = await client.GetAsync(new Uri(origin.Url, "/news"), Ct);

        ((int)blocked.StatusCode).Should().Be(403);
        (await blocked.Content.ReadAsStringAsync(Ct)).Should().Contain("BlockedUrlPatterns ^http://[^/]+/ads/");
        ((int)allowed.StatusCode).Should().Be(200);
        origin.ReceivedCountFor("/ads/banner.png").Should().Be(0);
        var log = proxy.Services.GetService(typeof(AccessLog)).Should().BeOfType<AccessLog>().Subject;
        log.Recent.Should().Contain(e => e.Status == 403 && e.FilterRule == "BlockedUrlPatterns ^http://[^/]+/ads/");
    }

    [Theory]
    [InlineData("text/html,application/xhtml+xml,*/*;q=0.8", "text/html", "<code>BlockedHosts blocked.localhost</code>")]
    [InlineData("*/*", "text/plain", "rule BlockedHosts blocked.localhost")]
    public async Task BlockPage_AcceptHeader_HtmlForBrowsersTextOtherwise(string accept, string contentType, string fragment)
    {
        await using var proxy = SampleHost<ForwardProxyApp>.Start(new Dictionary<string, string?> { ["ForwardProxy:Filter:BlockedHosts:0"] = "blocked.localhost" });
        using var client = ProxiedClient.Create(proxy.BaseAddress);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("http://blocked.localhost/"));
        request.Headers.TryAddWithoutValidation("Accept", accept);

        var response = await client.SendAsync(request, Ct);

        ((int)response.StatusCode).Should().Be(403);
        response.Content.Headers.ContentType!.MediaType.Should().Be(contentType);
        (await response.Content.ReadAsStringAsync(Ct)).Should().Contain(fragment);
    }

    [Theory]
    [InlineData("*/*", "text/plain")]
    [InlineData("text/html", "text/html")]
    public async Task Connect_BlockedHost_403NamingTheRuleBeforeAnyConnection(string accept, string contentType)
    {
        // Arrange: the "blocked" origin is a listener that counts connections.
        await using var origin = new RawOrigin((_, _) => Task.CompletedTask);
        await using var proxy = SampleHost<ForwardProxyApp>.Start(new Dictionary<string, string?>
        {
            ["ForwardProxy:Filter:BlockedHosts:0"] = "*.tracker.localhost",
            ["ForwardProxy:Filter:BlockedHosts:1"] = "127.0.0.1",
            ["ForwardProxy:AllowedConnectPorts:0"] = origin.Port.ToString(CultureInfo.InvariantCulture),
        });
        await using var connection = await RawConnection.OpenAsync(proxy.BaseAddress, Ct);

        // Act
        await connection.SendConnectAsync("127.0.0.1", origin.Port, Ct, $"Accept: {accept}\r\n");
        var (answer, closed) = await connection.ReadAllAsync(TimeSpan.FromSeconds(5), Ct);

        // Assert
        answer.Should().StartWith("HTTP/1.1 403").And.Contain($"Content-Type: {contentType}").And.Contain("BlockedHosts 127.0.0.1");
        closed.Should().BeTrue();
        origin.Accepted.Should().Be(0, "a CONNECT to a blocked host is refused before any connection to it");
    }

    [Fact]
    public async Task Connect_WildcardBlockedHost_HttpClientSeesTheTunnelRefused()
    {
        await using var proxy = SampleHost<ForwardProxyApp>.Start(new Dictionary<string, string?> { ["ForwardProxy:Filter:BlockedHosts:0"] = "*.tracker.localhost" });
        using var client = ProxiedClient.Create(proxy.BaseAddress);

        var act = () => client.GetAsync(new Uri("https://pixel.tracker.localhost/"), Ct);

        (await act.Should().ThrowAsync<HttpRequestException>()).Which.Message.Should().Contain("403");
    }

    [Fact]
    public async Task Connect_PortNotInAllowedConnectPorts_403AndNoConnection()
    {
        await using var origin = new RawOrigin((_, _) => Task.CompletedTask);
        await using var proxy = SampleHost<ForwardProxyApp>.Start();
        await using var connection = await RawConnection.OpenAsync(proxy.BaseAddress, Ct);

        await connection.SendConnectAsync("127.0.0.1", origin.Port, Ct);
        var (answer, _) = await connection.ReadAllAsync(TimeSpan.FromSeconds(5), Ct);

        answer.Should().StartWith("HTTP/1.1 403").And.Contain("AllowedConnectPorts 443");
        origin.Accepted.Should().Be(0);
    }

    [Fact]
    public async Task Connect_ConfiguredPortList_ReplacesTheDefault()
    {
        await using var proxy = SampleHost<ForwardProxyApp>.Start(new Dictionary<string, string?> { ["ForwardProxy:AllowedConnectPorts:0"] = "8443" });
        await using var connection = await RawConnection.OpenAsync(proxy.BaseAddress, Ct);

        await connection.SendConnectAsync("127.0.0.1", 443, Ct);
        var (answer, _) = await connection.ReadAllAsync(TimeSpan.FromSeconds(5), Ct);

        answer.Should().StartWith("HTTP/1.1 403").And.Contain("AllowedConnectPorts 8443");
    }
}
