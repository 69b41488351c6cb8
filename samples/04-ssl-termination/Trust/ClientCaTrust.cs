using Microsoft.Extensions.Options;

namespace Samples.SslTermination;

/// <summary>
/// Who may use the mutual-TLS listener: client certificates signed by
/// Tls:ClientCaPath (nginx's ssl_client_certificate). Without that key a demo
/// client CA and one client certificate it signed are made in
/// Tls:GeneratedFolder, so that curl --cert has something to present.
/// </summary>
public sealed class ClientCaTrust : CaTrust
{
    public ClientCaTrust(IOptions<TlsOptions> options)
    {
        var tls = options.Value;
        if (!tls.MutualTlsEnabled)
        {
            return;
        }

        var caPath = tls.ClientCaPath;
        if (caPath is null)
        {
            string clientCertificate, clientKey;
            (caPath, clientCertificate, clientKey) = PemCertificates.EnsureClientCa(tls.GeneratedFolder, TimeProvider.System);
            GeneratedClient = (clientCertificate, clientKey);
        }

        Add(PemCertificates.LoadPublic(caPath, "Tls:ClientCaPath"));
    }

    /// <summary>The generated client certificate and key (PEM paths), when this sample made the client CA.</summary>
    public (string CertificatePath, string KeyPath)? GeneratedClient { get; }
}
