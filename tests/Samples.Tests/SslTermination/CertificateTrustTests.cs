using System.Net;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Samples.Tests.Infrastructure;

namespace Samples.Tests.SslTermination;

/// <summary>The generated certificate: a client that trusts it gets in, one that does not is stopped at the handshake.</summary>
[Trait("Concept", "Tls")]
public sealed class CertificateTrustTests
{
    [Fact]
    public async Task GeneratedCertificate_ClientPinningIt_GetsTheAnswer()
    {
        // Arrange
        using var backend = WireMockBackend.Start().Stub("/hello", body: "hello over tls");
        await using var host = TlsSample.Start(backend.Url);
        var served = TlsSample.Served(host);
        using var pinned = X509CertificateLoader.LoadCertificateFromFile(served.CertificatePath);
        using var client = TlsSample.PinnedClient(host.AddressFor("https"), pinned);

        // Act
        var response = await client.GetAsync(new Uri("/hello", UriKind.Relative), TestContext.Current.CancellationToken);

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Should().Be("hello over tls");
        pinned.Subject.Should().Be("CN=localhost");
    }

    [Fact]
    public async Task GeneratedCertificate_ClientTrustingOnlyTheSystemStore_FailsTheHandshake()
    {
        // Arrange
        using var backend = WireMockBackend.Start().Stub("/hello", body: "never");
        await using var host = TlsSample.Start(backend.Url);
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(20) };

        // Act
        var act = () => client.GetAsync(new Uri(host.AddressFor("https"), "/hello"), TestContext.Current.CancellationToken);

        // Assert
        (await act.Should().ThrowAsync<HttpRequestException>()).WithInnerException<AuthenticationException>();
        backend.ReceivedCount.Should().Be(0);
    }

    [Fact]
    public async Task GeneratedCertificate_SecondStart_ReusesTheSameFiles()
    {
        // Arrange
        using var folder = new TempFolder();
        string first;
        await using (var host = TlsSample.Start(settings: new Dictionary<string, string?> { ["Tls:GeneratedFolder"] = folder }))
        {
            first = TlsSample.Fingerprint(TlsSample.Served(host).Current);
        }

        // Act
        await using var again = TlsSample.Start(settings: new Dictionary<string, string?> { ["Tls:GeneratedFolder"] = folder });
        var (_, _, certificate) = await TlsSample.HandshakeAsync(again.AddressFor("https"), cancellationToken: TestContext.Current.CancellationToken);

        // Assert
        TlsSample.Fingerprint(certificate).Should().Be(first);
        File.Exists(Path.Combine(folder, "localhost.pem")).Should().BeTrue();
    }

    [Fact]
    public async Task Curl_WithCacertOfThePrintedPath_Succeeds()
    {
        // Arrange
        var curl = RealClient.Require("curl", "curl");
        using var backend = WireMockBackend.Start().Stub("/hello", body: "curl got through");
        await using var host = TlsSample.Start(backend.Url);
        var url = $"https://localhost:{host.AddressFor("https").Port}/hello";

        // Act
        var run = await RealClient.RunAsync(curl, ["-sS", "--max-time", "10", "--cacert", TlsSample.Served(host).CertificatePath, url], cancellationToken: TestContext.Current.CancellationToken);

        // Assert
        run.ExitCode.Should().Be(0, run.StdErr);
        run.StdOut.Should().Be("curl got through");
    }

    [Fact]
    public async Task Curl_WithoutCacert_RefusesTheSelfSignedCertificate()
    {
        // Arrange
        var curl = RealClient.Require("curl", "curl");
        using var backend = WireMockBackend.Start().Stub("/hello", body: "never");
        await using var host = TlsSample.Start(backend.Url);
        var url = $"https://localhost:{host.AddressFor("https").Port}/hello";

        // Act
        var run = await RealClient.RunAsync(curl, ["-sS", "--max-time", "10", url], cancellationToken: TestContext.Current.CancellationToken);

        // Assert: 60 is curl's "peer certificate cannot be authenticated with known CA certificates".
        run.ExitCode.Should().Be(60, run.StdErr);
        backend.ReceivedCount.Should().Be(0);
    }

}
