using Samples.Tests.ReverseProxy;

namespace Samples.Tests.Admin;

/// <summary>
/// The view lives only on the admin address: on the proxy's own listener its
/// paths are ordinary requests and get the proxy's usual answer (02: a 404
/// problem), so neither the proxy's clients nor anything reached through it can
/// read the recorded requests.
/// </summary>
[Trait("Concept", "LiveView")]
public sealed class AdminIsolationTests
{
    [Theory]
    [InlineData("/")]
    [InlineData("/events")]
    [InlineData("/requests")]
    public async Task ProxyListener_AdminPath_GetsTheProxysOwnAnswer(string path)
    {
        // Arrange
        await using var proxy = ProxyUnderTest.Start(catalog: c => c.Stub("/*"));
        using var view = AdminView.Of(proxy.Host.Services);
        using var earlier = await proxy.GetAsync("/catalog/items");
        await view.LastForAsync("/catalog/items", Ct);

        // Act
        using var onProxy = await proxy.GetAsync(path);
        var body = await onProxy.Content.ReadAsStringAsync(Ct);
        using var onAdmin = await view.Client.GetAsync(new Uri(path, UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, Ct);

        // Assert
        ((int)onProxy.StatusCode).Should().Be(404);
        onProxy.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
        body.Should().NotContain("/catalog/items").And.NotContain("Live request view");
        ((int)onAdmin.StatusCode).Should().Be(200, "the same path on the admin address is the view");
        proxy.Catalog.ReceivedCountFor(path).Should().Be(0);
    }

    [Fact]
    public async Task AdminDisabled_RequestsStillForwarded_NothingRecordedAndNoAdminAddress()
    {
        // Arrange
        await using var proxy = ProxyUnderTest.Start(
            catalog: c => c.Stub("/*"),
            settings: new Dictionary<string, string?> { ["Admin:Enabled"] = "false" });

        // Act
        using var response = await proxy.GetAsync("/catalog/items");

        // Assert
        ((int)response.StatusCode).Should().Be(200);
        proxy.Host.Services.GetRequiredService<Scaffolding.Admin.AdminServer>().Addresses.Should().BeEmpty();
        proxy.Host.Services.GetRequiredService<Scaffolding.Admin.RequestView.RequestRing>().Snapshot().Should().BeEmpty();
    }
}
