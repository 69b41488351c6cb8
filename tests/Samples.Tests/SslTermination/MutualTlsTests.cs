using Samples.SslTermination;

namespace Samples.Tests.SslTermination;

/// <summary>
/// The mutual-TLS listener: a client certificate signed by Tls:ClientCaPath gets in and
/// reaches the backend; none, or a stranger's, does not. Every test gets its own backend,
/// client CA and sample with the mutual-TLS listener on (the last address, on port 0).
/// </summary>
[Trait("Concept", "Tls")]
public sealed class MutualTlsTests : IAsyncLifetime
{
    private readonly WireMockBackend _backend = WireMockBackend.Start()
        .Stub("/private", body: "hello, known client")
        .Stub("/public", body: "public");

    private readonly X509Certificate2 _clientCa = TestCertificates.CreateCa("Test client CA");
    private X509Certificate2 _knownClient = null!;
    private SampleHost<SslTerminationApp> _host = null!;

    private Uri MutualTls => _host.Addresses[^1];

    private Uri Https => _host.AddressFor("https");

    public ValueTask InitializeAsync()
    {
        _knownClient = TestCertificates.CreateLeaf(_clientCa, ["test-client"], clientAuth: true);
        using var folder = new TempFolder();
        var caPath = Path.Combine(folder, "client-ca.pem");
        File.WriteAllText(caPath, _clientCa.ExportCertificatePem());
        _host = TlsSample.Start(_backend.Url, new Dictionary<string, string?>
        {
            ["Tls:MutualTlsUrl"] = "https://127.0.0.1:0",
            ["Tls:ClientCaPath"] = caPath,
        });
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        _knownClient.Dispose();
        _clientCa.Dispose();
        _backend.Dispose();
    }

    [Fact]
    public async Task CaSignedClientCertificate_IsAcceptedAndForwardedInXClientCert()
    {
        // Arrange
        using var client = TlsSample.PinnedClient(MutualTls, TlsSample.Served(_host).Current, _knownClient);

        // Act
        var response = await client.GetAsync(new Uri("/private", UriKind.Relative), Ct);

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var forwarded = _backend.LastHeader("X-Client-Cert");
        forwarded.Should().NotBeNullOrEmpty();
        using var received = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(forwarded!));
        received.Thumbprint.Should().Be(_knownClient.Thumbprint);
    }

    [Fact]
    public async Task NoClientCertificate_IsRefusedAndNothingReachesTheBackend()
    {
        // Arrange
        using var client = TlsSample.PinnedClient(MutualTls, TlsSample.Served(_host).Current);

        // Act
        var act = () => client.GetAsync(new Uri("/private", UriKind.Relative), Ct);

        // Assert
        await act.Should().ThrowAsync<HttpRequestException>();
        _backend.ReceivedCount.Should().Be(0);
    }

    [Fact]
    public async Task ClientCertificateFromAnotherCa_IsRefused()
    {
        // Arrange
        using var strangerCa = TestCertificates.CreateCa("Someone else's CA");
        using var stranger = TestCertificates.CreateLeaf(strangerCa, ["stranger"], clientAuth: true);
        using var client = TlsSample.PinnedClient(MutualTls, TlsSample.Served(_host).Current, stranger);

        // Act
        var act = () => client.GetAsync(new Uri("/private", UriKind.Relative), Ct);

        // Assert
        await act.Should().ThrowAsync<HttpRequestException>();
        _backend.ReceivedCount.Should().Be(0);
    }

    [Fact]
    public async Task MainHttpsPort_WithMutualTlsOn_StillNeverAsksForACertificate()
    {
        // Arrange
        using var withCertificate = TlsSample.PinnedClient(Https, TlsSample.Served(_host).Current, _knownClient);
        using var without = TlsSample.PinnedClient(Https, TlsSample.Served(_host).Current);

        // Act
        var offered = await withCertificate.GetAsync(new Uri("/public", UriKind.Relative), Ct);
        var offeredHeader = _backend.LastHeader("X-Client-Cert");
        var plain = await without.GetAsync(new Uri("/public", UriKind.Relative), Ct);

        // Assert: a certificate is only sent when asked for, so none arrives here.
        Https.Should().NotBe(MutualTls);
        offered.StatusCode.Should().Be(HttpStatusCode.OK);
        offeredHeader.Should().BeNull();
        plain.StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
