using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Samples.Scaffolding;

namespace Samples.SslTermination;

/// <summary>
/// Reads certificates the way nginx does (a public PEM and a private-key PEM,
/// as openssl and Let's Encrypt write them) and makes the self-signed ones this
/// sample uses when you give it none.
/// </summary>
public static class PemCertificates
{
    private static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1", "Server Authentication");
    private static readonly Oid ClientAuthentication = new("1.3.6.1.5.5.7.3.2", "Client Authentication");

    /// <summary>
    /// Loads a certificate and its key from PEM files. A missing or unreadable
    /// file becomes a <see cref="StartupException"/> naming <paramref name="certKey"/>
    /// or <paramref name="keyKey"/>, so start-up ends with one clear line.
    /// </summary>
    public static X509Certificate2 Load(string certPath, string keyPath, string certKey = "Tls:CertificatePath", string keyKey = "Tls:KeyPath")
    {
        if (!File.Exists(certPath))
        {
            throw StartupException.ForKey(certKey, $"file '{certPath}' does not exist");
        }

        if (!File.Exists(keyPath))
        {
            throw StartupException.ForKey(keyKey, $"file '{keyPath}' does not exist");
        }

        X509Certificate2 fromPem;
        try
        {
            fromPem = X509Certificate2.CreateFromPemFile(certPath, keyPath);
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException or IOException or UnauthorizedAccessException)
        {
            throw StartupException.ForKey($"{certKey}/{keyKey}", $"cannot read a certificate and matching private key from '{certPath}' and '{keyPath}' ({OneLine(ex)})");
        }

        // On Linux, SslStream wants a key that came from a PKCS#12 import (a key that
        // only lives in memory from PEM works for signing, not for a TLS server), so
        // round-trip through PKCS#12 once, in memory, with no password ever stored.
        using (fromPem)
        {
            return X509CertificateLoader.LoadPkcs12(fromPem.Export(X509ContentType.Pkcs12), null);
        }
    }

    /// <summary>Loads a public certificate (a CA) from PEM; failures name <paramref name="key"/>.</summary>
    public static X509Certificate2 LoadPublic(string path, string key)
    {
        if (!File.Exists(path))
        {
            throw StartupException.ForKey(key, $"file '{path}' does not exist");
        }

        try
        {
            // The loader reads PEM as well as DER; a bundle gives its first certificate.
            return X509CertificateLoader.LoadCertificateFromFile(path);
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException or IOException or UnauthorizedAccessException)
        {
            throw StartupException.ForKey(key, $"cannot read a PEM certificate from '{path}' ({OneLine(ex)})");
        }
    }

    // The start-up error must stay one line, whatever the crypto library says.
    private static string OneLine(Exception ex) => ex.Message.ReplaceLineEndings(" ").TrimEnd('.', ' ');

    /// <summary>The SHA-256 fingerprint as openssl prints it (AA:BB:...).</summary>
    public static string Fingerprint(X509Certificate certificate) =>
        string.Join(':', certificate.GetCertHash(HashAlgorithmName.SHA256).Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>
    /// The self-signed server certificate for localhost, 127.0.0.1 and ::1 in
    /// <paramref name="folder"/>: reused while it is readable and valid for more
    /// than a day, made again otherwise. Returns the two paths.
    /// </summary>
    public static (string CertPath, string KeyPath) EnsureSelfSigned(string folder, TimeProvider time)
    {
        var certPath = Path.Combine(folder, "localhost.pem");
        var keyPath = Path.Combine(folder, "localhost-key.pem");
        using var only = FolderLock.Take(folder);
        if (StillGood(certPath, keyPath, time))
        {
            return (certPath, keyPath);
        }

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        AddLeafExtensions(request, ["localhost", "127.0.0.1", "::1"], serverAuth: true);
        var now = time.GetUtcNow();
        using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(365));
        Write(folder, certPath, certificate.ExportCertificatePem(), keyPath, key.ExportPkcs8PrivateKeyPem());
        return (certPath, keyPath);
    }

    /// <summary>
    /// A small CA for client certificates (mTLS) and one client certificate it
    /// signed, in <paramref name="folder"/>, so that curl --cert has something to
    /// send. Reused while valid. Returns the CA's PEM path and the client's pair.
    /// </summary>
    public static (string CaPath, string ClientCertPath, string ClientKeyPath) EnsureClientCa(string folder, TimeProvider time)
    {
        var caPath = Path.Combine(folder, "client-ca.pem");
        var caKeyPath = Path.Combine(folder, "client-ca-key.pem");
        var clientPath = Path.Combine(folder, "client.pem");
        var clientKeyPath = Path.Combine(folder, "client-key.pem");
        using var only = FolderLock.Take(folder);
        if (StillGood(caPath, caKeyPath, time) && StillGood(clientPath, clientKeyPath, time))
        {
            return (caPath, clientPath, clientKeyPath);
        }

        var now = time.GetUtcNow();
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=Samples demo client CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        using var ca = caRequest.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(365));
        Write(folder, caPath, ca.ExportCertificatePem(), caKeyPath, caKey.ExportPkcs8PrivateKeyPem());

        using var clientKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var clientRequest = new CertificateRequest("CN=demo-client", clientKey, HashAlgorithmName.SHA256);
        AddLeafExtensions(clientRequest, ["demo-client"], serverAuth: false);
        clientRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        using var client = clientRequest.Create(ca, now.AddMinutes(-5), now.AddDays(364), RandomNumberGenerator.GetBytes(12));
        Write(folder, clientPath, client.ExportCertificatePem(), clientKeyPath, clientKey.ExportPkcs8PrivateKeyPem());
        return (caPath, clientPath, clientKeyPath);
    }

    /// <summary>Server or client leaf extensions: names in the SAN, the right extended key usage.</summary>
    public static void AddLeafExtensions(CertificateRequest request, IEnumerable<string> names, bool serverAuth)
    {
        // A name that parses as an address goes in as an IP entry: clients match 127.0.0.1 against those only.
        var subjectAlternativeNames = new SubjectAlternativeNameBuilder();
        foreach (var (dns, address) in names.Select(n => (n, IPAddress.TryParse(n, out var a) ? a : null)))
        {
            if (address is null)
            {
                subjectAlternativeNames.AddDnsName(dns);
                continue;
            }

            subjectAlternativeNames.AddIpAddress(address);
        }

        X509Extension[] leaf =
        [
            subjectAlternativeNames.Build(),
            new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true),
            new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true),
            new X509EnhancedKeyUsageExtension([serverAuth ? ServerAuthentication : ClientAuthentication], critical: false),
        ];
        foreach (var extension in leaf)
        {
            request.CertificateExtensions.Add(extension);
        }
    }

    private static bool StillGood(string certPath, string keyPath, TimeProvider time)
    {
        if (!File.Exists(certPath) || !File.Exists(keyPath))
        {
            return false;
        }

        try
        {
            using var existing = X509Certificate2.CreateFromPemFile(certPath, keyPath);
            return existing.NotAfter.ToUniversalTime() > time.GetUtcNow().UtcDateTime.AddDays(1);
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException or IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    // Each file is written beside its final name and moved into place, so nothing ever
    // reads half a file (and the folder lock keeps a certificate and its key from two
    // different writers); the private key is readable by you alone, as ssh and nginx
    // expect of key files.
    private static void Write(string folder, string certPath, string certPem, string keyPath, string keyPem)
    {
        Directory.CreateDirectory(folder);
        WriteAtomically(keyPath, keyPem, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        WriteAtomically(certPath, certPem, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
    }

    private static void WriteAtomically(string path, string content, UnixFileMode mode)
    {
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        File.WriteAllText(temporary, content);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, mode);
        }

        File.Move(temporary, path, overwrite: true);
    }
}

/// <summary>
/// One writer at a time in the generated-certificates folder: two copies of the
/// sample starting at the same moment on a fresh folder would otherwise each
/// write a key and a certificate, and one could load the other's key beside its
/// own certificate. An exclusive handle on a lock file, which .NET enforces
/// between processes too.
/// </summary>
internal static class FolderLock
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public static IDisposable Take(string folder)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, ".lock");
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(50);
            }
        }
    }
}
