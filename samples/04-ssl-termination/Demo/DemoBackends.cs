using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.HttpOverrides;
using Samples.Scaffolding;

namespace Samples.SslTermination;

/// <summary>
/// The demo's backends: "whoami" on plain HTTP (5401 in appsettings.json), the usual
/// place behind a terminating proxy, and "secure" on HTTPS (5402) for the bridging
/// route, both on ports the OS picks in fact (the proxy is pointed at them), its
/// certificate signed by a demo CA the proxy is told to trust. Both run ASP.NET
/// Core's forwarded-headers middleware, trusting only the proxy on 127.0.0.1, and
/// echo the absolute URL they believe they serve.
/// </summary>
public sealed class DemoBackends
{
    private DemoBackends(DemoBackend whoami, DemoBackend secure)
    {
        Whoami = whoami;
        Secure = secure;
    }

    public DemoBackend Whoami { get; }

    public DemoBackend Secure { get; }

    public IReadOnlyList<DemoBackend> Backends => [Whoami, Secure];

    public static async Task<DemoBackends> StartAsync(BackendCaTrust backendCas)
    {
        var whoami = await DemoBackend.StartAsync("whoami", 5401, MapEcho);

        // The secure backend's certificate chains to a CA that exists only in memory;
        // adding it to the proxy's backend trust is what Tls:BackendCaPath does with a file.
        var (ca, leaf) = MakeBackendCertificates();
        backendCas.Add(ca);
        var secure = await DemoBackend.StartAsync(
            "secure",
            5402,
            MapEcho,
            builder => builder.WebHost.ConfigureKestrel(k => k.ConfigureHttpsDefaults(h => h.ServerCertificate = leaf)),
            "https");
        return new DemoBackends(whoami, secure);
    }

    /// <summary>What a backend behind a TLS-terminating proxy should do: believe the forwarded headers, but only from the proxy.</summary>
    private static void MapEcho(WebApplication app)
    {
        var forwarded = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost,
            ForwardLimit = 1,

            // X-Forwarded-Host becomes the Host the backend builds links with: accept only names you serve.
            AllowedHosts = ["localhost", "127.0.0.1", "[::1]"],
        };
        forwarded.KnownIPNetworks.Clear();
        forwarded.KnownProxies.Clear();
        forwarded.KnownProxies.Add(IPAddress.Loopback);
        app.UseForwardedHeaders(forwarded);

        app.Map("/{**rest}", (HttpContext context) => Results.Json(
            new BackendEcho(
                app.Environment.ApplicationName,
                context.Request.GetDisplayUrl(),
                context.Connection.RemoteIpAddress?.ToString(),
                ClientCertificateSubject(context.Request.Headers["X-Client-Cert"])),
            DemoJson.Default.BackendEcho));
    }

    // YARP's ClientCert transform sends the client's certificate as base64 DER.
    private static string? ClientCertificateSubject(string? header)
    {
        if (string.IsNullOrEmpty(header))
        {
            return null;
        }

        try
        {
            using var certificate = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(header));
            return certificate.Subject;
        }
        catch (Exception ex) when (ex is FormatException or CryptographicException)
        {
            return "(unreadable)";
        }
    }

    private static (X509Certificate2 Ca, X509Certificate2 Leaf) MakeBackendCertificates()
    {
        var now = DateTimeOffset.UtcNow;
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=Samples demo backend CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        using var caWithKey = caRequest.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));

        using var leafKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var leafRequest = new CertificateRequest("CN=localhost", leafKey, HashAlgorithmName.SHA256);
        PemCertificates.AddLeafExtensions(leafRequest, ["localhost", "127.0.0.1"], serverAuth: true);
        leafRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(caWithKey, true, false));
        using var leaf = leafRequest.Create(caWithKey, now.AddMinutes(-5), now.AddDays(1).AddMinutes(-1), RandomNumberGenerator.GetBytes(12));
        using var leafWithKey = leaf.CopyWithPrivateKey(leafKey);
        return (
            X509CertificateLoader.LoadCertificate(caWithKey.RawData),
            X509CertificateLoader.LoadPkcs12(leafWithKey.Export(X509ContentType.Pkcs12), null));
    }
}
