namespace Samples.Tests.ReverseProxy;

/// <summary>The README's curl commands, run with the real curl against the running sample.</summary>
[Trait("Concept", "ReverseProxy")]
public sealed class CurlTests
{
    [Fact]
    public async Task Curl_SpoofedForwardedFor_BackendSeesRealClientAndNoStackHeadersReturn()
    {
        // Arrange
        var curl = Curl.Require();
        await using var proxy = ProxyUnderTest.Start(orders: o => o.Stub("/42", body: "order 42", headers: new Dictionary<string, string>
        {
            ["Server"] = "Apache/2.4.1",
            ["X-Powered-By"] = "PHP/8.1.2",
        }));
        var url = new Uri(proxy.Host.BaseAddress, "/orders/42").ToString();

        // Act
        var run = await curl.RunAsync("-i", "-H", "X-Forwarded-For: 6.6.6.6", url);

        // Assert
        run.ExitCode.Should().Be(0, run.StdErr);
        await proxy.Orders.SettledAsync(1, Ct);
        run.StdOut.Should().StartWith("HTTP/1.1 200").And.EndWith("order 42");
        run.StdOut.Should().NotContainEquivalentOf("Server:").And.NotContainEquivalentOf("X-Powered-By:");
        proxy.Orders.LastHeader("X-Forwarded-For").Should().Be("127.0.0.1");
    }

    [Fact]
    public async Task Curl_CachedRouteTwice_SecondAnswerIsAHit()
    {
        // Arrange
        var curl = Curl.Require();
        await using var proxy = ProxyUnderTest.Start(catalog: c => c.Stub("/catalog/featured", body: "featured"));
        var url = new Uri(proxy.Host.BaseAddress, "/catalog/featured").ToString();

        // Act: one curl run, two transfers of the same URL.
        var run = await curl.RunAsync("-D", "-", "-o", "/dev/null", url, url);

        // Assert
        run.ExitCode.Should().Be(0, run.StdErr);
        run.StdOut.Should().Contain("Cache-Status: ReverseProxy; fwd=uri-miss; stored")
            .And.Contain("Cache-Status: ReverseProxy; hit");
        await proxy.Catalog.SettledAsync(1, Ct);
        proxy.Catalog.ReceivedCountFor("/catalog/featured").Should().Be(1);
    }

    [Fact]
    public async Task Curl_UnknownPath_GetsProblemJson()
    {
        // Arrange
        var curl = Curl.Require();
        await using var proxy = ProxyUnderTest.Start();
        var url = new Uri(proxy.Host.BaseAddress, "/nowhere").ToString();

        // Act
        var run = await curl.RunAsync("-i", url);

        // Assert
        run.ExitCode.Should().Be(0, run.StdErr);
        run.StdOut.Should().StartWith("HTTP/1.1 404").And.Contain("Content-Type: application/problem+json").And.Contain("\"status\":404");
    }
}
