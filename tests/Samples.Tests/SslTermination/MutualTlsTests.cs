using System.Net;
using System.Security.Cryptography.X509Certificates;
using Samples.Tests.Infrastructure;

namespace Samples.Tests.SslTermination;

/// <summary>The mutual-TLS listener: a client certificate signed by Tls:ClientCaPath gets in and reaches the backend; none, or a stranger's, does not.</summary>
[Trait("Concept", "Tls")]
public sealed class MutualTlsTests
{
    [Fact]
    public async Task CaSignedClientCertificate_IsAcceptedAndForwardedInXClientCert()
    {
        // Arrange
        using var backend = WireMockBackend.Start().Stub("/private", body: "hello, known client");
        using var ca = TestCertificates.CreateCa("Test client CA");
        using var clientCertificate = TestCertificates.CreateLeaf(ca, ["test-client"], clientAuth: true);
        await using var host = StartWithMutualTls(backend, ca);
        var mtls = host.Addresses[^1];
        using var client = TlsSample.PinnedClient(mtls, TlsSample.Served(host).Current, clientCertificate);

        // Act
        var response = await client.GetAsync(new Uri("/private", UriKind.Relative), TestContext.Current.CancellationToken);

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var forwarded = backend.LastHeader("X-Client-Cert");
        forwarded.Should().NotBeNullOrEmpty();
        using var received = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(forwarded!));
        received.Thumbprint.Should().Be(clientCertificate.Thumbprint);
    }

    [Fact]
    public async Task NoClientCertificate_IsRefusedAndNothingReachesTheBackend()
    {
        // Arrange
        using var backend = WireMockBackend.Start().Stub("/private", body: "never");
        using var ca = TestCertificates.CreateCa("Test client CA");
        await using var host = StartWithMutualTls(backend, ca);
        using var client = TlsSample.PinnedClient(host.Addresses[^1], TlsSample.Served(host).Current);

        // Act
        var act = () => client.GetAsync(new Uri("/private", UriKind.Relative), TestContext.Current.CancellationToken);

        // Assert
        await act.Should().ThrowAsync<HttpRequestException>();
        backend.ReceivedCount.Should().Be(0);
    }

    [Fact]
    public async Task ClientCertificateFromAnotherCa_IsRefused()
    {
        // Arrange
        using var backend = WireMockBackend.Start().Stub("/private", body: "never");
        using var ca = TestCertificates.CreateCa("Test client CA");
        using var strangerCa = TestCertificates.CreateCa("Someone else's CA");
        using var stranger = TestCertificates.CreateLeaf(strangerCa, ["stranger"], clientAuth: true);
        await using var host = StartWithMutualTls(backend, ca);
        using var client = TlsSample.PinnedClient(host.Addresses[^1], TlsSample.Served(host).Current, stranger);

        // Act
        var act = () => client.GetAsync(new Uri("/private", UriKind.Relative), TestContext.Current.CancellationToken);

        // Assert
        await act.Should().ThrowAsync<HttpRequestException>();
        backend.ReceivedCount.Should().Be(0);
    }

    [Fact]
    public async Task MainHttpsPort_WithMutualTlsOn_StillNeverAsksForACertificate()
    {
        // Arrange
        using var backend = WireMockBackend.Start().Stub("/public", body: "public");
        using var ca = TestCertificates.CreateCa("Test client CA");
        using var clientCertificate = TestCertificates.CreateLeaf(ca, ["test-client"], clientAuth: true);
        await using var host = StartWithMutualTls(backend, ca);
        using var withCertificate = TlsSample.PinnedClient(host.AddressFor("https"), TlsSample.Served(host).Current, clientCertificate);
        using var without = TlsSample.PinnedClient(host.AddressFor("https"), TlsSample.Served(host).Current);

        // Act
        var offered = await withCertificate.GetAsync(new Uri("/public", UriKind.Relative), TestContext.Current.CancellationToken);
        var offeredHeader = backend.LastHeader("X-Client-Cert");
        var plain = await without.GetAsync(new Uri("/public", UriKind.Relative), TestContext.Current.CancellationToken);

        // Assert: a certificate is only sent when asked for, so none arrives here.
        host.AddressFor("https").Should().NotBe(host.Addresses[^1]);
        offered.StatusCode.Should().Be(HttpStatusCode.OK);
        offeredHeader.Should().BeNull();
        plain.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    private static SampleHost<Samples.SslTermination.SslTerminationApp> StartWithMutualTls(WireMockBackend backend, X509Certificate2 ca)
    {
        using var folder = new TempFolder();
        var caPath = Path.Combine(folder, "client-ca.pem");
        File.WriteAllText(caPath, ca.ExportCertificatePem());
        return TlsSample.Start(backend.Url, new Dictionary<string, string?>
        {
            ["Tls:MutualTlsUrl"] = "https://127.0.0.1:0",
            ["Tls:ClientCaPath"] = caPath,
        });
    }
}
