using System.Security.Authentication;
using Samples.SslTermination;

namespace Samples.Tests.SslTermination;

/// <summary>
/// The generated certificate: a client that trusts it gets in, one that does not is
/// stopped at the handshake. Every test gets its own backend and sample, the sample
/// with a self-signed certificate it made in a fresh folder.
/// </summary>
[Trait("Concept", "Tls")]
public sealed class CertificateTrustTests : IAsyncLifetime
{
    private const string Hello = "hello over tls";

    private readonly WireMockBackend _backend = WireMockBackend.Start().Stub("/hello", body: Hello);
    private SampleHost<SslTerminationApp> _host = null!;

    public ValueTask InitializeAsync()
    {
        _host = TlsSample.Start(_backend.Url);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        _backend.Dispose();
    }

    [Fact]
    public async Task GeneratedCertificate_ClientPinningIt_GetsTheAnswer()
    {
        // Arrange
        var served = TlsSample.Served(_host);
        using var pinned = X509CertificateLoader.LoadCertificateFromFile(served.CertificatePath);
        using var client = TlsSample.PinnedClient(_host.AddressFor("https"), pinned);

        // Act
        var response = await client.GetAsync(new Uri("/hello", UriKind.Relative), Ct);

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(Ct)).Should().Be(Hello);
        pinned.Subject.Should().Be("CN=localhost");
    }

    [Fact]
    public async Task GeneratedCertificate_ClientTrustingOnlyTheSystemStore_FailsTheHandshake()
    {
        // Arrange
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(20) };

        // Act
        var act = () => client.GetAsync(new Uri(_host.AddressFor("https"), "/hello"), Ct);

        // Assert
        (await act.Should().ThrowAsync<HttpRequestException>()).WithInnerException<AuthenticationException>();
        _backend.ReceivedCount.Should().Be(0);
    }

    [Fact]
    public async Task Curl_WithCacertOfThePrintedPath_Succeeds()
    {
        // Arrange
        var curl = Curl.Require();

        // Act
        var run = await CurlHelloAsync(curl, "--cacert", TlsSample.Served(_host).CertificatePath);

        // Assert
        run.ExitCode.Should().Be(0, run.StdErr);
        run.StdOut.Should().Be(Hello);
    }

    [Fact]
    public async Task Curl_WithoutCacert_RefusesTheSelfSignedCertificate()
    {
        // Arrange
        var curl = Curl.Require();

        // Act
        var run = await CurlHelloAsync(curl);

        // Assert: 60 is curl's "peer certificate cannot be authenticated with known CA certificates".
        run.ExitCode.Should().Be(60, run.StdErr);
        _backend.ReceivedCount.Should().Be(0);
    }

    // curl asks for /hello by the certificate's name, localhost, with the options given.
    private Task<ClientRun> CurlHelloAsync(Curl curl, params string[] options)
    {
        var url = $"https://localhost:{_host.AddressFor("https").Port}/hello";
        return curl.RunAsync([.. options, url]);
    }
}
