using Samples.ForwardProxy;

namespace Samples.Tests.Browser;

/// <summary>
/// Chromium configured by nothing but sample 01's PAC file (--proxy-pac-url
/// http://proxy/proxy.pac), as a browser or an OS set to "automatic proxy
/// configuration" would be: it asks the script for every URL, sends what the script
/// says to the proxy, and goes direct for the hosts in ForwardProxy:Pac:Direct.
/// With a PAC file Chromium sends loopback names (localhost, *.localhost, 127.0.0.0/8)
/// direct whatever the script says, so the pages here have names under .pac.test,
/// which nothing on this machine can resolve: Chromium maps them to 127.0.0.1 itself
/// when it goes direct, and the proxy reaches the origin as its parent
/// (ForwardProxy:Upstream:Address), since an HTTP server must accept a request in
/// absolute form (RFC 9112 §3.2.2) and WireMock answers it by its path.
/// </summary>
[Trait("Concept", "Browser")]
public sealed class ChromiumPacFileTests
{
    private const string PagePath = "/browser/pac-page";
    private const string PageMarker = "Fetched as the PAC file said";

    private static readonly Dictionary<string, string> HtmlHeaders = new() { ["Content-Type"] = "text/html; charset=utf-8" };

    [Fact]
    public async Task Chromium_PacUrl_LoadsThePageThroughTheProxy()
    {
        // Arrange
        using var origin = WireMockBackend.Start().Stub(PagePath, body: Page(), headers: HtmlHeaders);
        var settings = ChromiumThroughForwardProxyTests.LoopbackOnly();
        settings["ForwardProxy:Upstream:Address"] = $"http://127.0.0.1:{origin.Port}";
        await using var proxy = SampleHost<ForwardProxyApp>.Start(settings);
        var url = new Uri($"http://shop.pac.test:{origin.Port}{PagePath}");

        // Act
        var run = await HeadlessChromium.DumpDomWithPacAsync(new Uri(proxy.BaseAddress, "/proxy.pac"), url, cancellationToken: Ct);

        // Assert: Chromium fetched the script from the proxy, then the page through it.
        run.StdOut.Should().Contain(PageMarker, "Chromium rendered the origin's page (stderr: {0})", run.StdErr);
        var log = proxy.Services.GetRequiredService<AccessLog>().Recent;
        log.Should().Contain(e => e.Target == "/proxy.pac" && e.Status == 200);
        log.Should().Contain(e => e.Target == url.AbsoluteUri && e.Status == 200);
        WireMockBackend.HeaderOf(origin.Received.Last(e => e.RequestMessage?.Path == PagePath), "Via").Should().NotBeNull("the request reached the origin through the proxy");
    }

    [Fact]
    public async Task Chromium_HostInPacDirect_LoadsThePageAroundTheProxy()
    {
        // Arrange: *.direct.pac.test is DIRECT in the PAC file; Chromium resolves the test name itself.
        using var origin = WireMockBackend.Start().Stub(PagePath, body: Page(), headers: HtmlHeaders);
        var settings = ChromiumThroughForwardProxyTests.LoopbackOnly();
        settings["ForwardProxy:Pac:Direct:0"] = "*.direct.pac.test";
        await using var proxy = SampleHost<ForwardProxyApp>.Start(settings);
        var url = new Uri($"http://shop.direct.pac.test:{origin.Port}{PagePath}");

        // Act
        var run = await HeadlessChromium.DumpDomWithPacAsync(new Uri(proxy.BaseAddress, "/proxy.pac"), url, ["--host-resolver-rules=MAP *.pac.test 127.0.0.1"], Ct);

        // Assert
        run.StdOut.Should().Contain(PageMarker, "Chromium went to the origin itself (stderr: {0})", run.StdErr);
        var log = proxy.Services.GetRequiredService<AccessLog>().Recent;
        log.Should().Contain(e => e.Target == "/proxy.pac", "Chromium did read the PAC file");
        log.Should().NotContain(e => e.Target.Contains("pac.test", StringComparison.Ordinal), "a DIRECT host never reaches the proxy");
        WireMockBackend.HeaderOf(origin.Received.Last(e => e.RequestMessage?.Path == PagePath), "Via").Should().BeNull();
    }

    private static string Page() =>
        $"<!doctype html><html><head><title>origin</title></head><body><h1>{PageMarker}</h1></body></html>";
}
