using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Samples.Scaffolding;

namespace Samples.ForwardProxy;

/// <summary>
/// The demo's origin servers, on loopback: two plain HTTP origins that answer
/// with what they saw of the request (so you can see what the proxy let
/// through) and one HTTPS origin for the CONNECT tunnel, with a self-signed
/// certificate made in code whose public PEM is written under .certs/ for
/// curl --cacert. Stand-ins for "the internet"; nothing here leaves the machine.
/// </summary>
public sealed class DemoOrigins : IAsyncDisposable
{
    // The ports they are known by where they cannot be asked (the proxy's info page);
    // they listen on ports the OS picks, which the banner and the tour print.
    public const int PlainPortA = 5101;
    public const int PlainPortB = 5102;
    public const int HttpsPort = 5143;

    private DemoOrigins(IReadOnlyList<DemoBackend> all, X509Certificate2? certificate, string? certificatePemPath)
    {
        All = all;
        HttpsCertificate = certificate;
        HttpsCertificatePemPath = certificatePemPath;
    }

    public IReadOnlyList<DemoBackend> All { get; }

    public DemoBackend A => All[0];

    public DemoBackend B => All[1];

    public DemoBackend Secure => All[2];

    /// <summary>The HTTPS origin's certificate (self-signed, so it is its own root).</summary>
    public X509Certificate2? HttpsCertificate { get; }

    public string? HttpsCertificatePemPath { get; }

    public static DemoOrigins None { get; } = new([], null, null);

    public bool Running => All.Count > 0;

    public static async Task<DemoOrigins> StartAsync(string certificateFolder)
    {
        var certificate = LoadOrCreateCertificate(certificateFolder);
        var pemPath = Path.Combine(certificateFolder, "demo-origin.pem");

        var a = await DemoBackend.StartAsync("origin-a", PlainPortA, MapOrigin);
        var b = await DemoBackend.StartAsync("origin-b", PlainPortB, MapOrigin);
        var secure = await DemoBackend.StartAsync(
            "secure-origin",
            HttpsPort,
            MapOrigin,
            builder => builder.WebHost.ConfigureKestrel(k => k.ConfigureHttpsDefaults(h => h.ServerCertificate = certificate)),
            "https");
        return new DemoOrigins([a, b, secure], certificate, pemPath);
    }

    private static void MapOrigin(WebApplication app)
    {
        // A shared cache may keep this one for a minute ...
        app.MapGet("/cacheable/{**rest}", (HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "public, max-age=60";
            return $"cacheable answer made at {DateTimeOffset.UtcNow:HH:mm:ss.fff}\n";
        });

        // ... and never this one: it is meant for one user only.
        app.MapGet("/private/{**rest}", (HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "private, max-age=60";
            return $"private answer made at {DateTimeOffset.UtcNow:HH:mm:ss.fff}\n";
        });

        // Everything else: what this origin saw of the request.
        app.Map("/{**rest}", (HttpContext context) => Echo(app.Environment.ApplicationName, context));
    }

    private static string Echo(string name, HttpContext context)
    {
        var text = new StringBuilder()
            .Append(name.Replace("DemoBackend.", string.Empty, StringComparison.Ordinal))
            .Append(" saw ").Append(context.Request.Method).Append(' ')
            .Append(context.Request.Scheme).Append("://").Append(context.Request.Host).Append(context.Request.Path).Append(context.Request.QueryString)
            .Append(" from ").Append(context.Connection.RemoteIpAddress).Append('\n');
        foreach (var (key, value) in context.Request.Headers.OrderBy(h => h.Key, StringComparer.OrdinalIgnoreCase))
        {
            text.Append("  ").Append(key).Append(": ").Append(value.ToString()).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>
    /// The HTTPS origin's certificate, made once and kept under .certs/ so that a path given to
    /// curl --cacert (or to HttpsInspection:TrustedOriginCaPath) stays valid from run to run.
    /// </summary>
    public static X509Certificate2 LoadOrCreateCertificate(string folder)
    {
        Directory.CreateDirectory(folder);
        var keyPath = Path.Combine(folder, "demo-origin.key.pem");
        var publicPath = Path.Combine(folder, "demo-origin.pem");
        if (File.Exists(keyPath) && File.Exists(publicPath))
        {
            try
            {
                var pem = File.ReadAllText(keyPath);
                using var kept = X509Certificate2.CreateFromPem(pem, pem);
                if (kept.NotAfter.ToUniversalTime() > DateTime.UtcNow.AddDays(1) && File.ReadAllText(publicPath).Trim() == kept.ExportCertificatePem().Trim())
                {
                    return X509CertificateLoader.LoadPkcs12(kept.Export(X509ContentType.Pkcs12), null);
                }
            }
            catch (CryptographicException)
            {
                // Unreadable: make a new one below.
            }
        }

        var certificate = CreateCertificate();
        File.WriteAllText(keyPath, certificate.ExportCertificatePem() + "\n" + certificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem() + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(keyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.WriteAllText(publicPath, certificate.ExportCertificatePem() + "\n");
        return certificate;
    }

    private static X509Certificate2 CreateCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);

        // A server certificate for localhost and 127.0.0.1 that is its own root (curl --cacert takes it as one).
        foreach (var extension in new X509Extension[] { names.Build(), new X509BasicConstraintsExtension(false, false, 0, false), new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false) })
        {
            request.CertificateExtensions.Add(extension);
        }
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(90));

        // SslStream on Linux wants a key that came from a PKCS#12 import.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var origin in All)
        {
            await origin.DisposeAsync();
        }

        HttpsCertificate?.Dispose();
    }
}
