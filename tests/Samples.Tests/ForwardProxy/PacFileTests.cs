using Samples.ForwardProxy;

namespace Samples.Tests.ForwardProxy;

/// <summary>
/// GET /proxy.pac on the proxy's own address: a PAC file that sends the hosts in
/// ForwardProxy:Pac:Direct DIRECT and everything else to this proxy. The script is
/// run in a real JavaScript engine (Node.js); a browser runs it in the Browser tests.
/// </summary>
[Trait("Concept", "Pac")]
public sealed class PacFileTests
{
    [Fact]
    public async Task ProxyPac_Get_APacFileThatNamesThisProxy()
    {
        // Arrange
        await using var proxy = SampleHost<ForwardProxyApp>.Start();
        using var client = proxy.CreateClient();

        // Act: a browser fetches the PAC file directly, not through the proxy.
        var response = await client.GetAsync(new Uri("/proxy.pac", UriKind.Relative), Ct);

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/x-ns-proxy-autoconfig");
        var script = await response.Content.ReadAsStringAsync(Ct);
        var answers = await PacScript.AnswersAsync(script, ["shop.example"], Ct);
        answers.Should().Equal($"PROXY {proxy.BaseAddress.Authority}");
    }

    [Fact]
    public async Task ProxyPac_AskedForByName_NamesTheProxyByThatName()
    {
        // Arrange: a client that reached the proxy as localhost (or a LAN name) must be sent back there.
        await using var proxy = SampleHost<ForwardProxyApp>.Start();
        using var client = proxy.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/proxy.pac", UriKind.Relative));
        request.Headers.Host = $"localhost:{proxy.BaseAddress.Port}";

        // Act
        var script = await (await client.SendAsync(request, Ct)).Content.ReadAsStringAsync(Ct);

        // Assert
        (await PacScript.AnswersAsync(script, ["shop.example"], Ct)).Should().Equal($"PROXY localhost:{proxy.BaseAddress.Port}");
    }

    [Fact]
    public async Task ProxyPac_DefaultDirect_OnlyTheLoopbackNamesGoDirect()
    {
        // Arrange
        await using var proxy = SampleHost<ForwardProxyApp>.Start();
        using var client = proxy.CreateClient();
        var script = await client.GetStringAsync(new Uri("/proxy.pac", UriKind.Relative), Ct);
        var viaProxy = $"PROXY {proxy.BaseAddress.Authority}";

        // Act
        var answers = await PacScript.AnswersAsync(script, ["localhost", "LOCALHOST.", "127.0.0.1", "::1", "[::1]", "shop.localhost", "0.0.0.0", "127.0.0.2"], Ct);

        // Assert: names such as shop.localhost still show the proxy at work (for clients that send loopback to a proxy at all).
        answers.Should().Equal("DIRECT", "DIRECT", "DIRECT", "DIRECT", "DIRECT", viaProxy, viaProxy, viaProxy);
    }

    [Fact]
    public async Task ProxyPac_DirectList_ReplacesTheDefaultAndWildcardsCoverTheDomain()
    {
        // Arrange
        await using var proxy = SampleHost<ForwardProxyApp>.Start(new Dictionary<string, string?>
        {
            ["ForwardProxy:Pac:Direct:0"] = "*.corp.example",
            ["ForwardProxy:Pac:Direct:1"] = "intranet",
        });
        using var client = proxy.CreateClient();
        var script = await client.GetStringAsync(new Uri("/proxy.pac", UriKind.Relative), Ct);
        var viaProxy = $"PROXY {proxy.BaseAddress.Authority}";

        // Act
        var answers = await PacScript.AnswersAsync(script, ["corp.example", "wiki.corp.example", "a.b.corp.example", "notcorp.example", "intranet", "intranet.corp.other", "localhost"], Ct);

        // Assert
        answers.Should().Equal("DIRECT", "DIRECT", "DIRECT", viaProxy, "DIRECT", viaProxy, viaProxy);
    }

    [Fact]
    public async Task ProxyPac_OtherMethod_404LikeAnyPathThatIsNotThere()
    {
        // Arrange
        await using var proxy = SampleHost<ForwardProxyApp>.Start();
        using var client = proxy.CreateClient();

        // Act
        var response = await client.PostAsync(new Uri("/proxy.pac", UriKind.Relative), new StringContent("x"), Ct);

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("ForwardProxy:Pac:Direct:0", "not a host")]
    [InlineData("ForwardProxy:Pac:Direct:0", "*.")]
    public void Bind_BadDirectPattern_StartupLineNamesTheKey(string key, string value)
    {
        // Act
        var line = ForwardProxySettings.StartupError([KeyValuePair.Create(key, (string?)value)]);

        // Assert
        line.Should().StartWith($"Configuration error: {key}:");
    }

    [Fact]
    public void Bind_EmptySection_TheLoopbackNamesAreTheDefault()
    {
        // Act
        var direct = ForwardProxySettings.Bind([]).Pac.DirectHosts();

        // Assert
        direct.Patterns.Should().Equal("localhost", "127.0.0.1", "::1");
    }
}
