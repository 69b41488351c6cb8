using Samples.ForwardProxy;

namespace Samples.Tests.Browser;

/// <summary>
/// A real browser set to use sample 01 as its proxy: what the docs tell a
/// learner to try in Chromium works, page, block page and HTTPS tunnel.
/// </summary>
[Trait("Concept", "Browser")]
public sealed class ChromiumThroughForwardProxyTests
{
    private const string PagePath = "/browser/page";
    private const string PageMarker = "Served by the origin, fetched by the proxy";

    private static readonly string PageHtml =
        $"<!doctype html><html><head><title>origin</title></head><body><h1 id=\"marker\">{PageMarker}</h1></body></html>";

    private static readonly Dictionary<string, string> HtmlHeaders = new() { ["Content-Type"] = "text/html; charset=utf-8" };

    /// <summary>
    /// Proxy settings that keep every test on loopback: Chromium makes
    /// background requests of its own (component updates, sign-in, network
    /// time) even with those features switched off, and they go through the
    /// proxy like any other. Tunnels may reach only <paramref name="tunnelPort"/>
    /// (port 1 when a test needs none), and Google's hosts are blocked for plain HTTP.
    /// </summary>
    internal static Dictionary<string, string?> LoopbackOnly(int tunnelPort = 1, params string[] blockedHosts)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ForwardProxy:AllowedConnectPorts:0"] = tunnelPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        string[] all = [.. blockedHosts, "*.google.com", "*.googleapis.com", "*.gstatic.com", "*.gvt1.com"];
        for (var i = 0; i < all.Length; i++)
        {
            settings[$"ForwardProxy:Filter:BlockedHosts:{i}"] = all[i];
        }

        return settings;
    }

    [Fact]
    public async Task Chromium_PageThroughProxy_OriginServedItAndTheDomHasIt()
    {
        // Arrange
        using var origin = WireMockBackend.Start().Stub(PagePath, body: PageHtml, headers: HtmlHeaders);
        await using var proxy = SampleHost<ForwardProxyApp>.Start(LoopbackOnly());

        // Act
        var run = await HeadlessChromium.DumpDomAsync(proxy.BaseAddress, new Uri(origin.Url, PagePath), cancellationToken: Ct);

        // Assert
        run.StdOut.Should().Contain(PageMarker, "Chromium rendered the origin's page (stderr: {0})", run.StdErr);
        origin.ReceivedCountFor(PagePath).Should().Be(1);
        var seen = origin.Received.Last(e => e.RequestMessage?.Path == PagePath);
        WireMockBackend.HeaderOf(seen, "Via").Should().NotBeNull("the request reached the origin through the proxy, whose default level adds Via");
    }

    [Fact]
    public async Task Chromium_BlockedHost_ShowsTheBlockPageNamingTheRule()
    {
        // Arrange: Chromium would resolve *.localhost itself on a direct connection;
        // through a proxy it sends the name, so the proxy's host filter sees it.
        using var origin = WireMockBackend.Start().Stub(PagePath, body: PageHtml, headers: HtmlHeaders);
        await using var proxy = SampleHost<ForwardProxyApp>.Start(LoopbackOnly(blockedHosts: "*.blocked.localhost"));
        var blockedUrl = new Uri($"http://www.blocked.localhost:{origin.Port}{PagePath}");

        // Act
        var run = await HeadlessChromium.DumpDomAsync(proxy.BaseAddress, blockedUrl, cancellationToken: Ct);

        // Assert
        run.StdOut.Should().Contain("*.blocked.localhost", "the block page names the rule that matched (stderr: {0})", run.StdErr);
        run.StdOut.Should().NotContain(PageMarker);
        origin.ReceivedCount.Should().Be(0, "a blocked request never leaves the proxy");
    }

    [Fact]
    public async Task Chromium_BlockedHostScreenshot_ShowsARenderedPage()
    {
        // Arrange
        using var origin = WireMockBackend.Start().Stub(PagePath, body: PageHtml, headers: HtmlHeaders);
        await using var proxy = SampleHost<ForwardProxyApp>.Start(LoopbackOnly(blockedHosts: "*.blocked.localhost"));
        var blockedUrl = new Uri($"http://www.blocked.localhost:{origin.Port}{PagePath}");

        var emptyPage = new Uri("data:text/html,<body></body>");

        // Act
        var (run, png) = await HeadlessChromium.ScreenshotAsync(proxy.BaseAddress, blockedUrl, 800, 600, Ct);
        var (_, emptyPng) = await HeadlessChromium.ScreenshotAsync(proxy.BaseAddress, emptyPage, 800, 600, Ct);

        // Assert: a window-sized image with something drawn on it, unlike an empty page's.
        png.Should().NotBeNull("Chromium writes the screenshot it was asked for (stderr: {0})", run.StdErr);
        var image = PngImage.Read(png!);
        image.Width.Should().Be(800);
        image.Height.Should().Be(600);
        image.DistinctColours().Should().BeGreaterThan(1, "the block page's text was rendered");
        PngImage.Read(emptyPng!).DistinctColours().Should().Be(1, "an empty page is one flat colour, so the count above means something");
        origin.ReceivedCount.Should().Be(0);
    }

    [Fact]
    public async Task Chromium_HttpsThroughConnectTunnel_LoadsThePageTheProxyCannotRead()
    {
        // Arrange: an HTTPS origin whose certificate this test made; Chromium is
        // told to accept that one key only (not "ignore every certificate error").
        await using var origin = await HttpsOrigin.StartAsync(PagePath, PageHtml, Ct);
        await using var proxy = SampleHost<ForwardProxyApp>.Start(LoopbackOnly(tunnelPort: origin.Url.Port));

        // Act
        var run = await HeadlessChromium.DumpDomAsync(proxy.BaseAddress, new Uri(origin.Url, PagePath), [HeadlessChromium.TrustOnly(origin.Certificate)], Ct);

        // Assert
        run.StdOut.Should().Contain(PageMarker, "the page came through the tunnel (stderr: {0})", run.StdErr);
        origin.ReceivedCountFor(PagePath).Should().Be(1);
        var seen = origin.Backend.Seen.Last(r => r.PathAndQuery == PagePath);
        seen.Scheme.Should().Be("https", "the browser's TLS ran end to end, to the origin");
        seen.Header("Via").Should().BeNull("a blind tunnel carries bytes the proxy cannot read or add to");
    }

    [Fact]
    public async Task Chromium_HttpsToAPortNotAllowed_TheProxyRefusesTheTunnel()
    {
        // Arrange: the same origin, but its port is not in AllowedConnectPorts.
        await using var origin = await HttpsOrigin.StartAsync(PagePath, PageHtml, Ct);
        await using var proxy = SampleHost<ForwardProxyApp>.Start(LoopbackOnly());

        // Act
        var run = await HeadlessChromium.DumpDomAsync(proxy.BaseAddress, new Uri(origin.Url, PagePath), [HeadlessChromium.TrustOnly(origin.Certificate)], Ct);

        // Assert: this also proves the browser really sends HTTPS through the proxy.
        // Headless Chromium reports a failed load on stderr, with the network error's name.
        run.StdErr.Should().Contain("ERR_TUNNEL_CONNECTION_FAILED", "the proxy refused the CONNECT");
        run.StdOut.Should().NotContain(PageMarker);
        origin.ReceivedCountFor(PagePath).Should().Be(0);
    }
}
