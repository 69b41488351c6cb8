namespace Samples.Tests.ReverseProxy;

/// <summary>What a backend says about its own software stays behind the proxy; so does the proxy's.</summary>
[Trait("Concept", "ReverseProxy")]
public sealed class ResponseHardeningTests
{
    private static readonly Dictionary<string, string> Announcing = new()
    {
        ["Server"] = "Apache/2.4.1 (Unix)",
        ["X-Powered-By"] = "PHP/8.1.2",
        ["X-AspNet-Version"] = "4.0.30319",
        ["X-Kept"] = "yes",
    };

    [Theory]
    [InlineData(200)]
    [InlineData(500)]
    public async Task BackendAnnouncesItsStack_ThroughProxy_HeadersRemovedOthersKept(int status)
    {
        // Arrange
        await using var proxy = ProxyUnderTest.Start(catalog: c => c.Stub("/catalog/items", status: status, body: "x", headers: Announcing));

        // Act
        var response = await proxy.GetAsync("/catalog/items");

        // Assert
        ((int)response.StatusCode).Should().Be(status);
        response.Headers.Contains("Server").Should().BeFalse();
        response.Headers.Contains("X-Powered-By").Should().BeFalse();
        response.Headers.Contains("X-AspNet-Version").Should().BeFalse();
        response.Headers.GetValues("X-Kept").Should().Equal("yes");
    }

    [Fact]
    public async Task ProxysOwnAnswer_Healthz_CarriesNoServerHeader()
    {
        // Arrange
        await using var proxy = ProxyUnderTest.Start();

        // Act
        var response = await proxy.GetAsync("/healthz");

        // Assert
        response.Headers.Contains("Server").Should().BeFalse();
    }
}
