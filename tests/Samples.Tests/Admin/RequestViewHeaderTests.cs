using Samples.ForwardProxy;
using Samples.Scaffolding.Admin.RequestView;
using Samples.Tests.ForwardProxy;
using Samples.Tests.ReverseProxy;

namespace Samples.Tests.Admin;

/// <summary>
/// The view shows each request's headers as the client sent them beside the
/// headers as the backend received them (checked against what the WireMock
/// backend really logged), with what the proxy changed marked.
/// </summary>
[Trait("Concept", "LiveView")]
public sealed class RequestViewHeaderTests
{
    [Fact]
    public async Task ReverseProxy_ForgedForwardedFor_ViewShowsItChangedAndTheProxysHeadersAdded()
    {
        // Arrange
        await using var proxy = ProxyUnderTest.Start(catalog: c => c.Stub("/catalog/items"));
        using var view = AdminView.Of(proxy.Host.Services);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/catalog/items?page=2", UriKind.Relative));
        request.Headers.Add("X-Forwarded-For", "6.6.6.6");
        request.Headers.Add("X-Learner", "kept as it is");

        // Act
        using var response = await proxy.SendAsync(request);
        await proxy.Catalog.SettledAsync(1, Ct);
        var seen = await view.LastForAsync("/catalog/items?page=2", Ct);

        // Assert
        ((int)response.StatusCode).Should().Be(200);
        seen.Method.Should().Be("GET");
        seen.Status.Should().Be(200);
        seen.Forwarded.Should().BeTrue();
        seen.Destination.Should().Be(new Uri(proxy.Catalog.Url, "/catalog/items?page=2").ToString());
        var rows = seen.RequestHeaders.ToDictionary(r => r.Name, StringComparer.OrdinalIgnoreCase);
        rows["X-Forwarded-For"].Should().Be(new HeaderRow("X-Forwarded-For", "6.6.6.6", "127.0.0.1", HeaderMarks.Changed));
        rows["X-Forwarded-For"].Backend.Should().Be(proxy.Catalog.LastHeader("X-Forwarded-For"), "the view shows what the backend really received");
        rows["X-Forwarded-Proto"].Should().Be(new HeaderRow("X-Forwarded-Proto", null, "http", HeaderMarks.Added));
        rows["X-Forwarded-Host"].Mark.Should().Be(HeaderMarks.Added);
        rows["X-Forwarded-Host"].Backend.Should().Be(proxy.Catalog.LastHeader("X-Forwarded-Host"));
        rows["X-Learner"].Should().Be(new HeaderRow("X-Learner", "kept as it is", "kept as it is", HeaderMarks.Same));
        rows["Host"].Should().Be(new HeaderRow("Host", proxy.Host.BaseAddress.Authority, proxy.Catalog.Url.Authority, HeaderMarks.Changed));
    }

    [Fact]
    public async Task ForwardProxyElite_ClientSendsIdentifyingHeaders_ViewMarksThemRemoved()
    {
        // Arrange
        await using var rig = ForwardProxyRig.Start(
            WireMockBackend.Start().Stub("/whoami", body: "ok"),
            SampleHost<ForwardProxyApp>.Start(new Dictionary<string, string?> { ["ForwardProxy:Anonymity"] = "Elite" }),
            p => ProxiedClient.Create(p.BaseAddress));
        var (origin, sample, client) = rig;
        using var view = AdminView.Of(sample.Services);
        var target = new Uri(origin.Url, "/whoami");
        using var request = new HttpRequestMessage(HttpMethod.Get, target);
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        request.Headers.Add("X-Real-IP", "203.0.113.7");
        request.Headers.Add("Via", "1.1 client-side-proxy");

        // Act
        using var response = await client.SendAsync(request, Ct);
        var seen = await view.LastForAsync(target.ToString(), Ct);

        // Assert
        ((int)response.StatusCode).Should().Be(200);
        origin.LastHeader("X-Forwarded-For").Should().BeNull();
        var rows = seen.RequestHeaders.ToDictionary(r => r.Name, StringComparer.OrdinalIgnoreCase);
        rows["X-Forwarded-For"].Should().Be(new HeaderRow("X-Forwarded-For", "203.0.113.7", null, HeaderMarks.Removed));
        rows["X-Real-IP"].Mark.Should().Be(HeaderMarks.Removed);
        rows["Via"].Mark.Should().Be(HeaderMarks.Removed, "Elite sends no Via, not even the client's");
        seen.Steps.Should().ContainEquivalentOf(new RequestStep("destination", $"{target} answered 200"));
    }
}
