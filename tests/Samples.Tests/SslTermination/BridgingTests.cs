namespace Samples.Tests.SslTermination;

/// <summary>TLS bridging: the proxy re-encrypts to an HTTPS backend and checks its certificate against Tls:BackendCaPath.</summary>
[Trait("Concept", "Tls")]
public sealed class BridgingTests
{
    [Fact]
    public async Task HttpsBackendSignedByConfiguredCa_IsReachedOverTls()
    {
        // Arrange
        using var ca = TestCertificates.CreateCa("Test backend CA");
        using var leaf = TestCertificates.CreateLeaf(ca, ["localhost", "127.0.0.1"]);
        await using var backend = await StartHttpsBackend(leaf);
        using var folder = new TempFolder();
        var caPath = Path.Combine(folder, "backend-ca.pem");
        await File.WriteAllTextAsync(caPath, ca.ExportCertificatePem(), Ct);
        await using var host = StartWithSecureBackend(backend.Url, caPath);
        using var client = TlsSample.PinnedClient(host.AddressFor("https"), TlsSample.Served(host).Current);

        // Act
        var response = await client.GetAsync(new Uri("/secure/report", UriKind.Relative), Ct);

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(Ct)).Should().Be("secure backend");
        backend.LastSeen!.Scheme.Should().Be("https");
        backend.LastSeen.Header("X-Forwarded-Proto").Should().Be("https");
    }

    [Fact]
    public async Task HttpsBackendNotSignedByConfiguredCa_Answers502AndSendsNothing()
    {
        // Arrange
        using var ca = TestCertificates.CreateCa("Test backend CA");
        using var impostor = TestCertificates.CreateSelfSigned("localhost", "127.0.0.1");
        await using var backend = await StartHttpsBackend(impostor);
        using var folder = new TempFolder();
        var caPath = Path.Combine(folder, "backend-ca.pem");
        await File.WriteAllTextAsync(caPath, ca.ExportCertificatePem(), Ct);
        await using var host = StartWithSecureBackend(backend.Url, caPath, dangerousAcceptAny: true);
        using var client = TlsSample.PinnedClient(host.AddressFor("https"), TlsSample.Served(host).Current);

        // Act
        var response = await client.GetAsync(new Uri("/secure/report", UriKind.Relative), Ct);

        // Assert: even a cluster that says "accept any certificate" does not get its way.
        response.StatusCode.Should().Be(HttpStatusCode.BadGateway);
        backend.Seen.Should().BeEmpty();
    }

    private static SampleHost<Samples.SslTermination.SslTerminationApp> StartWithSecureBackend(Uri backend, string caPath, bool dangerousAcceptAny = false)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ReverseProxy:Clusters:secure:Destinations:secure:Address"] = backend.ToString(),
            ["Tls:BackendCaPath"] = caPath,
        };
        if (dangerousAcceptAny)
        {
            settings["ReverseProxy:Clusters:secure:HttpClient:DangerousAcceptAnyServerCertificate"] = "true";
        }

        return TlsSample.Start(settings: settings);
    }

    private static Task<DemoBackend> StartHttpsBackend(System.Security.Cryptography.X509Certificates.X509Certificate2 certificate) =>
        DemoBackend.StartAsync(
            "secure-test",
            0,
            app => app.Map("/{**rest}", () => "secure backend"),
            builder =>
            {
                builder.WebHost.ConfigureKestrel(k => k.ConfigureHttpsDefaults(h => h.ServerCertificate = certificate));
            },
            "https",
            Ct);
}
