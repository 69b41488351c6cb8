using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Samples.ForwardProxy;

/// <summary>
/// The proxy's own root certificate authority, for HTTPS inspection: to read
/// inside a tunnel the proxy must end the client's TLS itself, with a
/// certificate for the site that the client accepts. It can only do that for
/// clients that were told to trust this root. The root is made on first use
/// and kept under .certs/ (git-ignored): the public PEM is what a learner hands
/// to curl --cacert or imports into a browser profile; the private key never
/// leaves the folder, and the sample never installs anything into a system store.
/// Leaf certificates are issued per host, valid for two days, and kept in memory.
/// </summary>
public sealed class RootCertificateAuthority : IDisposable
{
    public const string PublicPemName = "forward-proxy-root-ca.pem";
    private const string KeyPemName = "forward-proxy-root-ca.key.pem";
    private static readonly TimeSpan LeafLifetime = TimeSpan.FromDays(2);

    private readonly X509Certificate2 _root;
    private readonly ConcurrentDictionary<string, Lazy<X509Certificate2>> _leaves = new(StringComparer.OrdinalIgnoreCase);

    private RootCertificateAuthority(X509Certificate2 root, string publicPemPath)
    {
        _root = root;
        PublicPemPath = publicPemPath;
    }

    /// <summary>The root's public certificate as PEM: what a client must trust for inspection to work.</summary>
    public string PublicPemPath { get; }

    public X509Certificate2 Certificate => _root;

    /// <summary>Loads the root kept in <paramref name="folder"/>, or makes one when there is none (or it has expired).</summary>
    public static RootCertificateAuthority LoadOrCreate(string folder)
    {
        Directory.CreateDirectory(folder);
        var keyPath = Path.Combine(folder, KeyPemName);
        var publicPath = Path.Combine(folder, PublicPemName);
        var root = TryLoad(keyPath);
        if (root is null)
        {
            // Written whole to a temporary file and moved into place, so that two proxies
            // starting at once (tests do) agree on one root: the second one to move loses
            // and loads the first one's.
            var created = Create();
            var temporary = Path.Combine(folder, $"{KeyPemName}.{Guid.NewGuid():N}.tmp");
            File.WriteAllText(temporary, created.ExportCertificatePem() + "\n" + created.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem() + "\n");
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            try
            {
                File.Move(temporary, keyPath, overwrite: File.Exists(keyPath) && TryLoad(keyPath) is null);
                root = created;
            }
            catch (IOException ex)
            {
                File.Delete(temporary);
                created.Dispose();
                root = TryLoad(keyPath) ?? throw new IOException($"cannot keep the proxy's root CA in {folder}", ex);
            }
        }

        var publicPem = root.ExportCertificatePem() + "\n";
        if (!File.Exists(publicPath) || File.ReadAllText(publicPath) != publicPem)
        {
            var temporary = Path.Combine(folder, $"{PublicPemName}.{Guid.NewGuid():N}.tmp");
            File.WriteAllText(temporary, publicPem);
            File.Move(temporary, publicPath, overwrite: true);
        }

        return new RootCertificateAuthority(root, publicPath);
    }

    /// <summary>A certificate for <paramref name="host"/> signed by the root, made once per host and renewed before it expires.</summary>
    public X509Certificate2 LeafFor(string host)
    {
        var leaf = _leaves.GetOrAdd(host, h => new Lazy<X509Certificate2>(() => CreateLeaf(h))).Value;
        if (leaf.NotAfter.ToUniversalTime() > DateTime.UtcNow.AddHours(1))
        {
            return leaf;
        }

        _leaves.TryRemove(host, out _);
        return LeafFor(host);
    }

    public void Dispose()
    {
        foreach (var leaf in _leaves.Values.Where(l => l.IsValueCreated))
        {
            leaf.Value.Dispose();
        }

        _root.Dispose();
    }

    private static X509Certificate2? TryLoad(string keyPath)
    {
        if (!File.Exists(keyPath))
        {
            return null;
        }

        try
        {
            var pem = File.ReadAllText(keyPath);
            using var loaded = X509Certificate2.CreateFromPem(pem, pem);
            var root = X509CertificateLoader.LoadPkcs12(loaded.Export(X509ContentType.Pkcs12), null);
            return root.NotAfter.ToUniversalTime() > DateTime.UtcNow.AddDays(7) ? root : null;
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException or IOException)
        {
            return null;
        }
    }

    private static X509Certificate2 Create()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var name = new X500DistinguishedNameBuilder();
        name.AddOrganizationName("Proxy samples (for learning only)");
        name.AddCommonName($"Samples Forward Proxy Root CA ({Environment.MachineName})");
        var request = new CertificateRequest(name.Build(), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddYears(1));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
    }

    private X509Certificate2 CreateLeaf(string host)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var subject = new X500DistinguishedNameBuilder();
        subject.AddCommonName(host);
        var request = new CertificateRequest(subject.Build(), key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        if (IPAddress.TryParse(host, out var ip))
        {
            names.AddIpAddress(ip);
        }
        else
        {
            names.AddDnsName(host);
        }

        // A TLS server certificate for this one name, which only this root vouches for.
        X509Extension[] extensions =
        [
            names.Build(),
            new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true),
            new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true),
            new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false),
            X509AuthorityKeyIdentifierExtension.CreateFromCertificate(_root, includeKeyIdentifier: true, includeIssuerAndSerial: false),
        ];
        foreach (var extension in extensions)
        {
            request.CertificateExtensions.Add(extension);
        }

        var notAfter = DateTimeOffset.UtcNow.Add(LeafLifetime);
        using var signed = request.Create(_root, DateTimeOffset.UtcNow.AddMinutes(-5), notAfter < _root.NotAfter ? notAfter : _root.NotAfter, RandomNumberGenerator.GetBytes(16));

        // SslStream on Linux wants a key that came from a PKCS#12 import.
        using var withKey = signed.CopyWithPrivateKey(key);
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }
}
