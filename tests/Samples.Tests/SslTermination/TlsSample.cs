using Samples.SslTermination;

namespace Samples.Tests.SslTermination;

/// <summary>
/// Boots the 04 sample on Kestrel with an HTTPS and a plain-HTTP address on port 0,
/// its generated certificates in a fresh temp folder, and the mutual-TLS listener
/// off unless a test turns it on. Also the pinned clients the tests talk through.
/// </summary>
internal static class TlsSample
{
    public const string Urls = "https://127.0.0.1:0;http://127.0.0.1:0";

    public static SampleHost<SslTerminationApp> Start(
        Uri? backend = null,
        IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null)
    {
        // The generated certificates go to a folder of their own, removed when the host stops.
        var generated = new TempFolder();
        var all = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Tls:GeneratedFolder"] = generated,
            ["Tls:MutualTlsUrl"] = string.Empty,
        };
        if (backend is not null)
        {
            all["ReverseProxy:Clusters:app:Destinations:whoami:Address"] = backend.ToString();
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var host = SampleHost<SslTerminationApp>.Start(all, HostMode.Kestrel, Urls, s =>
        {
            services?.Invoke(s);
            s.AddSingleton(_ => generated);
        });

        // Resolved once, so the container owns it and deletes the folder when the host is disposed.
        _ = host.Services.GetRequiredService<TempFolder>();
        return host;
    }

    /// <summary>The certificate the sample serves (and the PEM file it came from).</summary>
    public static ServerCertificateSource Served(SampleHost<SslTerminationApp> host) =>
        host.Services.GetRequiredService<ServerCertificateSource>();

    public static string Fingerprint(X509Certificate certificate) =>
        Convert.ToHexString(certificate.GetCertHash(HashAlgorithmName.SHA256));

    /// <summary>An HttpClient that trusts exactly one certificate (by SHA-256), as a pinning client does.</summary>
    public static HttpClient PinnedClient(Uri baseAddress, X509Certificate expected, X509Certificate2? clientCertificate = null)
    {
        var pinned = Fingerprint(expected);
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            SslOptions =
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is not null && Fingerprint(certificate) == pinned,
            },
        };
        if (clientCertificate is not null)
        {
            handler.SslOptions.ClientCertificates = [clientCertificate];
        }

        return new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(20) };
    }

    /// <summary>Makes one TLS handshake and reports what the client saw.</summary>
    public static async Task<(System.Security.Authentication.SslProtocols Protocol, SslApplicationProtocol Alpn, X509Certificate2 Certificate)> HandshakeAsync(
        Uri address,
        RemoteCertificateValidationCallback? validate = null,
        CancellationToken cancellationToken = default)
    {
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, address.Port, cancellationToken);
        await using var tls = new SslStream(tcp.GetStream());
        await tls.AuthenticateAsClientAsync(
            new SslClientAuthenticationOptions
            {
                TargetHost = "localhost",
                ApplicationProtocols = [SslApplicationProtocol.Http2, SslApplicationProtocol.Http11],
                RemoteCertificateValidationCallback = validate ?? ((_, _, _, _) => true),
            },
            cancellationToken);
        var certificate = X509CertificateLoader.LoadCertificate(tls.RemoteCertificate!.GetRawCertData());
        return (tls.SslProtocol, tls.NegotiatedApplicationProtocol, certificate);
    }
}
