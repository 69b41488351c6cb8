namespace Samples.Tests.Infrastructure;

/// <summary>
/// Certificates made in memory for one test run: a small CA, leaves it signs,
/// and self-signed server certificates. Nothing is committed, nothing has a password.
/// </summary>
public static class TestCertificates
{
    /// <summary>A CA certificate (with its private key) that can sign leaves.</summary>
    public static X509Certificate2 CreateCa(string name = "Samples Test CA")
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(2));
    }

    /// <summary>A server (or client) certificate for the given names, signed by <paramref name="ca"/>.</summary>
    public static X509Certificate2 CreateLeaf(X509Certificate2 ca, IEnumerable<string> names, bool clientAuth = false)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var nameList = names.ToList();
        var request = new CertificateRequest($"CN={nameList[0]}", key, HashAlgorithmName.SHA256);
        AddLeafExtensions(request, nameList, clientAuth);
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        var serial = RandomNumberGenerator.GetBytes(12);
        using var signed = request.Create(ca, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1), serial);
        return ExportableWithKey(signed.CopyWithPrivateKey(key));
    }

    /// <summary>A self-signed server certificate for localhost, 127.0.0.1 and ::1 (or the names given).</summary>
    public static X509Certificate2 CreateSelfSigned(params string[] names)
    {
        var nameList = names.Length > 0 ? names.ToList() : ["localhost", "127.0.0.1", "::1"];
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={nameList[0]}", key, HashAlgorithmName.SHA256);
        AddLeafExtensions(request, nameList, clientAuth: false);
        return ExportableWithKey(request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1)));
    }

    /// <summary>Writes the certificate (and its key, when it has one) as PEM files in a fresh temp folder.</summary>
    public static (string CertPath, string KeyPath) WritePem(X509Certificate2 certificate, string? folder = null)
    {
        folder ??= Directory.CreateTempSubdirectory("samples-certs-").FullName;
        var certPath = Path.Combine(folder, "cert.pem");
        var keyPath = Path.Combine(folder, "key.pem");
        File.WriteAllText(certPath, certificate.ExportCertificatePem());
        using var ecdsa = certificate.GetECDsaPrivateKey();
        using var rsa = ecdsa is null ? certificate.GetRSAPrivateKey() : null;
        var keyPem = ecdsa?.ExportPkcs8PrivateKeyPem() ?? rsa?.ExportPkcs8PrivateKeyPem();
        if (keyPem is not null)
        {
            File.WriteAllText(keyPath, keyPem);
        }

        return (certPath, keyPath);
    }

    private static void AddLeafExtensions(CertificateRequest request, List<string> names, bool clientAuth)
    {
        var san = new SubjectAlternativeNameBuilder();
        foreach (var name in names)
        {
            if (IPAddress.TryParse(name, out var ip))
            {
                san.AddIpAddress(ip);
            }
            else
            {
                san.AddDnsName(name);
            }
        }

        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        var usage = new OidCollection { new Oid(clientAuth ? "1.3.6.1.5.5.7.3.2" : "1.3.6.1.5.5.7.3.1") };
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(usage, false));
    }

    // SslStream on Linux wants a certificate whose key came from a PKCS#12 import.
    private static X509Certificate2 ExportableWithKey(X509Certificate2 certificate)
    {
        using (certificate)
        {
            return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
        }
    }
}
