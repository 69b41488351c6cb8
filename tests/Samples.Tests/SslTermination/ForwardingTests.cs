namespace Samples.Tests.SslTermination;

/// <summary>Behind the proxy: plain HTTP, with headers that say the client was on HTTPS; HSTS in front.</summary>
[Trait("Concept", "Tls")]
public sealed class ForwardingTests
{
    [Fact]
    public async Task HttpsRequest_Backend_ReceivesPlainHttpWithForwardedHeaders()
    {
        // Arrange
        await using var sample = await PinnedSampleClient.StartAsync("/orders", "orders", byName: true);
        var backend = sample.Backend;

        // Act
        var response = await sample.GetAsync("/orders?page=2");

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var received = backend.LastReceived!.RequestMessage!;
        received.Url.Should().StartWith("http://", "the hop behind the proxy is plain HTTP");
        received.Path.Should().Be("/orders");
        received.RawQuery.Should().Be("?page=2");
        backend.LastHeader("X-Forwarded-Proto").Should().Be("https");
        backend.LastHeader("X-Forwarded-Host").Should().Be($"localhost:{sample.Https.Port}");
        backend.LastHeader("X-Forwarded-For").Should().Be("127.0.0.1");
        backend.LastHeader("X-Client-Cert").Should().BeNull("port 8443 never asks for a client certificate");
    }

    [Fact]
    public async Task ClientSentForwardedHeaders_Backend_SeesThemReplacedNotAppended()
    {
        // Arrange
        await using var sample = await PinnedSampleClient.StartAsync("/orders", "orders");
        var backend = sample.Backend;
        using var request = new HttpRequestMessage(HttpMethod.Get, "/orders");
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");
        request.Headers.Add("X-Forwarded-Proto", "gopher");
        request.Headers.Add("X-Forwarded-Host", "evil.invalid");
        request.Headers.Add("X-Client-Cert", "forged");

        // Act
        var response = await sample.Client.SendAsync(request, Ct);

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        backend.LastHeader("X-Forwarded-For").Should().Be("127.0.0.1");
        backend.LastHeader("X-Forwarded-Proto").Should().Be("https");
        backend.LastHeader("X-Forwarded-Host").Should().Be(sample.Https.Authority);
        backend.LastHeader("X-Client-Cert").Should().BeNull();
    }

    [Fact]
    public async Task HttpsResponse_FromLoopbackHost_CarriesStrictTransportSecurity()
    {
        // Arrange
        await using var sample = await PinnedSampleClient.StartAsync("/page", "page");

        // Act
        var response = await sample.GetAsync("/page");

        // Assert
        response.Headers.TryGetValues("Strict-Transport-Security", out var hsts).Should().BeTrue();
        hsts!.Single().Should().Be("max-age=31536000");
    }

    [Theory]
    [InlineData("GET", "/orders/7?expand=lines&page=2")]
    [InlineData("POST", "/orders?draft=true")]
    [InlineData("GET", "/")]
    public async Task PlainHttp_AnyRequest_Answers308ToSamePathAndQueryOnHttps(string method, string pathAndQuery)
    {
        // Arrange
        using var backend = WireMockBackend.Start().Stub("/*", body: "never");
        await using var host = TlsSample.Start(backend.Url);
        var http = host.AddressFor("http");
        var https = host.AddressFor("https");
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false });

        // Act
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(http, pathAndQuery));
        var response = await client.SendAsync(request, Ct);

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.PermanentRedirect);
        response.Headers.Location.Should().Be(new Uri($"https://127.0.0.1:{https.Port}{pathAndQuery}"));
        response.Headers.Contains("Strict-Transport-Security").Should().BeFalse("HSTS is only meaningful over HTTPS");
        backend.ReceivedCount.Should().Be(0);
    }
}
