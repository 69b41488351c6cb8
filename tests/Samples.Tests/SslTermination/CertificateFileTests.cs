namespace Samples.Tests.SslTermination;

/// <summary>Certificates from PEM files: made by openssl, with an intermediate, replaced while running, or generated once and reused.</summary>
[Trait("Concept", "Tls")]
public sealed class CertificateFileTests
{
    [Fact]
    public async Task PemFilesMadeByOpenssl_AreServed()
    {
        // Arrange
        var openssl = RealClient.Require("openssl", "openssl");
        using var folder = new TempFolder();
        var certPath = Path.Combine(folder, "fullchain.pem");
        var keyPath = Path.Combine(folder, "privkey.pem");
        var made = await RealClient.RunAsync(
            openssl,
            ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "2",
                "-subj", "/CN=openssl-made.localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
                "-addext", "extendedKeyUsage=serverAuth", "-keyout", keyPath, "-out", certPath],
            TimeSpan.FromSeconds(30),
            cancellationToken: Ct);
        made.ExitCode.Should().Be(0, made.StdErr);
        await using var host = TlsSample.Start(settings: new Dictionary<string, string?>
        {
            ["Tls:CertificatePath"] = certPath,
            ["Tls:KeyPath"] = keyPath,
        });

        // Act
        var (_, _, served) = await TlsSample.HandshakeAsync(host.AddressFor("https"), cancellationToken: Ct);

        // Assert
        using var onDisk = X509CertificateLoader.LoadCertificateFromFile(certPath);
        served.Subject.Should().Be("CN=openssl-made.localhost");
        TlsSample.Fingerprint(served).Should().Be(TlsSample.Fingerprint(onDisk));
    }

    [Fact]
    public async Task FullchainPem_IntermediateIsSentSoAClientTrustingOnlyTheRootVerifies()
    {
        // Arrange: root CA -> intermediate CA -> leaf, the leaf and the intermediate in one file (as certbot's fullchain.pem).
        var openssl = RealClient.Require("openssl", "openssl");
        using var folder = new TempFolder();
        using var root = TestCertificates.CreateCa("Test root CA");
        using var intermediate = CreateIntermediate(root);
        using var leaf = TestCertificates.CreateLeaf(intermediate, ["localhost", "127.0.0.1"]);
        var (leafPath, keyPath) = TestCertificates.WritePem(leaf, folder);
        var fullchainPath = Path.Combine(folder, "fullchain.pem");
        var rootPath = Path.Combine(folder, "root.pem");
        await File.WriteAllTextAsync(fullchainPath, leaf.ExportCertificatePem() + "\n" + intermediate.ExportCertificatePem() + "\n", Ct);
        await File.WriteAllTextAsync(rootPath, root.ExportCertificatePem(), Ct);
        await using var host = TlsSample.Start(settings: new Dictionary<string, string?>
        {
            ["Tls:CertificatePath"] = fullchainPath,
            ["Tls:KeyPath"] = keyPath,
        });

        // Act
        var run = await RealClient.RunAsync(
            openssl,
            ["s_client", "-connect", $"127.0.0.1:{host.AddressFor("https").Port}", "-servername", "localhost", "-CAfile", rootPath, "-verify_return_error", "-brief"],
            TimeSpan.FromSeconds(20),
            cancellationToken: Ct);

        // Assert
        File.Exists(leafPath).Should().BeTrue();
        run.ExitCode.Should().Be(0, run.StdErr);
        run.StdErr.Should().Contain("Verification: OK");
    }

    [Fact]
    public async Task PemFilesReplacedWhileRunning_NewConnectionsGetTheNewCertificate()
    {
        // Arrange
        using var folder = new TempFolder();
        using var first = TestCertificates.CreateSelfSigned("first.localhost", "localhost", "127.0.0.1");
        using var second = TestCertificates.CreateSelfSigned("second.localhost", "localhost", "127.0.0.1");
        var (certPath, keyPath) = TestCertificates.WritePem(first, folder);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = TlsSample.Start(
            settings: new Dictionary<string, string?>
            {
                ["Tls:CertificatePath"] = certPath,
                ["Tls:KeyPath"] = keyPath,
                ["Tls:ReloadCheckInterval"] = "00:00:02",
            },
            services: s => s.AddSingleton<TimeProvider>(time));
        var https = host.AddressFor("https");
        var before = await TlsSample.HandshakeAsync(https, cancellationToken: Ct);

        // Act: what certbot's renewal does, then let the check interval pass.
        TestCertificates.WritePem(second, folder);
        var withinInterval = await TlsSample.HandshakeAsync(https, cancellationToken: Ct);
        time.Advance(TimeSpan.FromSeconds(3));
        var after = await TlsSample.HandshakeAsync(https, cancellationToken: Ct);

        // Assert
        before.Certificate.Subject.Should().Be("CN=first.localhost");
        withinInterval.Certificate.Subject.Should().Be("CN=first.localhost", "the files are looked at once per interval, not on every handshake");
        after.Certificate.Subject.Should().Be("CN=second.localhost");
    }

    [Fact]
    public async Task PemFilesHalfReplaced_KeepsServingThePreviousCertificate()
    {
        // Arrange
        using var folder = new TempFolder();
        using var first = TestCertificates.CreateSelfSigned("first.localhost", "localhost");
        using var second = TestCertificates.CreateSelfSigned("second.localhost", "localhost");
        var (certPath, keyPath) = TestCertificates.WritePem(first, folder);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = TlsSample.Start(
            settings: new Dictionary<string, string?> { ["Tls:CertificatePath"] = certPath, ["Tls:KeyPath"] = keyPath },
            services: s => s.AddSingleton<TimeProvider>(time));

        // Act: a new certificate whose key has not been written yet.
        await File.WriteAllTextAsync(certPath, second.ExportCertificatePem(), Ct);
        time.Advance(TimeSpan.FromSeconds(3));
        var (_, _, served) = await TlsSample.HandshakeAsync(host.AddressFor("https"), cancellationToken: Ct);

        // Assert
        served.Subject.Should().Be("CN=first.localhost");
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
        var (_, _, certificate) = await TlsSample.HandshakeAsync(again.AddressFor("https"), cancellationToken: Ct);

        // Assert
        TlsSample.Fingerprint(certificate).Should().Be(first);
        File.Exists(Path.Combine(folder, "localhost.pem")).Should().BeTrue();
    }

    private static X509Certificate2 CreateIntermediate(X509Certificate2 root)
    {
        using var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=Test intermediate CA", key, System.Security.Cryptography.HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(root, true, false));
        // Valid about as long as the root, so the leaf (one day) always fits inside it.
        var notAfter = new DateTimeOffset(root.NotAfter.ToUniversalTime()).AddMinutes(-1);
        using var signed = request.Create(root, DateTimeOffset.UtcNow.AddMinutes(-5), notAfter, System.Security.Cryptography.RandomNumberGenerator.GetBytes(12));
        using var withKey = signed.CopyWithPrivateKey(key);
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }
}
