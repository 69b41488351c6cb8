using Samples.Tests.Browser;
using Samples.Tests.ReverseProxy;

namespace Samples.Tests.Admin;

/// <summary>
/// The page as a person sees it: headless Chromium opens the admin address
/// after a request went through 02 and the page, its script run, lists the
/// request and draws its steps and its marked headers.
/// </summary>
[Trait("Concept", "LiveView")]
public sealed class RequestViewPageTests
{
    [Fact]
    public async Task Chromium_RequestThroughProxy_PageListsItWithStepsAndMarkedHeaders()
    {
        // Arrange
        RealClient.Require("chromium", "chromium");
        await using var proxy = ProxyUnderTest.Start(catalog: c => c.Stub("/*"));
        using var view = AdminView.Of(proxy.Host.Services);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/catalog/items", UriKind.Relative));
        request.Headers.Add("X-Forwarded-For", "6.6.6.6");
        using var response = await proxy.SendAsync(request);
        var seen = await view.LastForAsync("/catalog/items", Ct);

        // Act: the fragment selects the request, as a click on its row does.
        var run = await HeadlessChromium.DumpDomDirectAsync(new Uri(view.Address, $"/#request-{seen.Id}"), cancellationToken: Ct);

        // Assert
        run.ExitCode.Should().Be(0, run.StdErr);
        var dom = run.StdOut;
        dom.Should().Contain($"<tr id=\"request-{seen.Id}\" class=\"request selected\">", "the request is listed and selected")
            .And.Contain("<td>/catalog/items</td>");
        dom.Should().Contain("<li class=\"step\" data-stage=\"load balancer\"><span class=\"stage\">load balancer</span><span class=\"verdict\">destination catalog-1, the only one available</span></li>")
            .And.Contain("data-stage=\"destination\"");
        dom.Should().Contain("<tr class=\"changed\"><th>X-Forwarded-For</th><td class=\"client\">6.6.6.6</td><td class=\"backend\">127.0.0.1</td>")
            .And.Contain("<tr class=\"added\"><th>X-Forwarded-Proto</th><td class=\"client\"></td><td class=\"backend\">http</td>");
    }
}
