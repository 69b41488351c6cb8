using System.Security.Authentication;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Options;

namespace Samples.SslTermination;

/// <summary>
/// How every https:// listener does its handshake. TLS 1.2 and 1.3 only; HTTP/2
/// and HTTP/1.1 offered by ALPN (Kestrel's default protocols; plain-HTTP listeners
/// stay HTTP/1.1, as clients need ALPN to pick h2). The certificate is fetched
/// from the source on every handshake: that is how a replaced file reaches new
/// connections. Only connections on the mutual-TLS port are asked for a client
/// certificate, during the handshake: HTTP/2 forbids asking later, which is why
/// the main HTTPS port never asks at all.
/// </summary>
public sealed class KestrelTlsSetup : IConfigureOptions<KestrelServerOptions>
{
    public void Configure(KestrelServerOptions kestrel)
    {
        kestrel.AddServerHeader = false;
        kestrel.Limits.MaxRequestHeaderCount = 100;
        kestrel.ConfigureHttpsDefaults(https =>
        {
            // This runs as Kestrel binds each https:// address, at start: a certificate
            // that cannot be loaded stops start-up there, with one line naming its key.
            var certificates = kestrel.ApplicationServices.GetRequiredService<ServerCertificateSource>();
            var clientCas = kestrel.ApplicationServices.GetRequiredService<ClientCaTrust>();
            var roles = kestrel.ApplicationServices.GetRequiredService<ListenerRoles>();
            https.SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13;
            https.ServerCertificateSelector = (_, _) => certificates.Current;
            https.ClientCertificateMode = ClientCertificateMode.NoCertificate;
            https.OnAuthenticate = (connection, ssl) =>
            {
                // The selector above only tells Kestrel that a certificate will be there;
                // the handshake gets a prepared context (leaf + intermediates from the PEM file).
                ssl.ServerCertificateSelectionCallback = null;
                ssl.ServerCertificate = null;
                ssl.ServerCertificateContext = certificates.CurrentContext;
                if (roles.RequiresClientCertificate(connection.LocalEndPoint))
                {
                    ssl.ClientCertificateRequired = true;
                    ssl.RemoteCertificateValidationCallback = (_, certificate, _, _) => clientCas.ValidatesClient(certificate);
                }
            };
        });
    }
}
