using Samples.Scaffolding.Admin.RequestView;
using Samples.Tests.ReverseProxy;

namespace Samples.Tests.Admin;

/// <summary>
/// Credentials pass through the proxy untouched, but the view never holds them:
/// values of the headers on Admin:RedactHeaders are "&lt;redacted&gt;" in the
/// JSON, in the page and in the live feed.
/// </summary>
[Trait("Concept", "LiveView")]
public sealed class RequestViewRedactionTests
{
    private const string Secret = "s3cret-token-4242";

    [Fact]
    public async Task DefaultList_AuthorizationAndCookie_BackendGetsThemViewShowsRedacted()
    {
        // Arrange
        await using var proxy = ProxyUnderTest.Start(catalog: c => c.Stub("/catalog/items"));
        using var view = AdminView.Of(proxy.Host.Services);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/catalog/items", UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Secret);
        request.Headers.Add("Cookie", $"session={Secret}");

        // Act
        using var response = await proxy.SendAsync(request);
        await proxy.Catalog.SettledAsync(1, Ct);
        var seen = await view.LastForAsync("/catalog/items", Ct);
        var json = await view.Client.GetStringAsync(new Uri("requests", UriKind.Relative), Ct);
        var page = await view.Client.GetStringAsync(new Uri("/", UriKind.Relative), Ct);

        // Assert
        proxy.Catalog.LastHeader("Authorization").Should().Be($"Bearer {Secret}", "redaction is the view's, the request is forwarded as sent");
        var authorization = seen.RequestHeaders.Single(r => r.Name == "Authorization");
        authorization.Should().Be(new HeaderRow("Authorization", HeaderCapture.RedactedValue, HeaderCapture.RedactedValue, HeaderMarks.Same));
        seen.RequestHeaders.Single(r => r.Name == "Cookie").Client.Should().Be(HeaderCapture.RedactedValue);
        json.Should().NotContain(Secret);
        page.Should().NotContain(Secret).And.Contain("/catalog/items", "the page carries the recorded requests");
    }

    [Fact]
    public async Task ConfiguredList_ApiKeyHeader_RedactedAndAuthorizationNoLongerIs()
    {
        // Arrange
        await using var proxy = ProxyUnderTest.Start(
            catalog: c => c.Stub("/catalog/items"),
            settings: new Dictionary<string, string?> { ["Admin:RedactHeaders:0"] = "X-Api-Key" });
        using var view = AdminView.Of(proxy.Host.Services);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/catalog/items", UriKind.Relative));
        request.Headers.Add("X-Api-Key", Secret);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", "shown-on-purpose");

        // Act
        using var response = await proxy.SendAsync(request);
        var seen = await view.LastForAsync("/catalog/items", Ct);

        // Assert
        seen.RequestHeaders.Single(r => r.Name == "X-Api-Key").Should().Be(new HeaderRow("X-Api-Key", HeaderCapture.RedactedValue, HeaderCapture.RedactedValue, HeaderMarks.Same));
        seen.RequestHeaders.Single(r => r.Name == "Authorization").Client.Should().Be("Basic shown-on-purpose", "a list given in configuration replaces the default one");
    }

    [Fact]
    public async Task SetCookieFromBackend_ResponseHeaders_ShowRedacted()
    {
        // Arrange
        await using var proxy = ProxyUnderTest.Start(catalog: c => c.Stub(s => s
            .Given(Request.Create().WithPath("/catalog/login").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Set-Cookie", $"session={Secret}; HttpOnly").WithBody("ok"))));
        using var view = AdminView.Of(proxy.Host.Services);

        // Act
        using var response = await proxy.GetAsync("/catalog/login");
        var seen = await view.LastForAsync("/catalog/login", Ct);

        // Assert
        response.Headers.GetValues("Set-Cookie").Should().ContainSingle().Which.Should().Contain(Secret);
        seen.ResponseHeaders.Single(h => h.Name == "Set-Cookie").Value.Should().Be(HeaderCapture.RedactedValue);
    }
}
