using Microsoft.Extensions.Options;

namespace Samples.SslTermination;

/// <summary>
/// What an https:// backend (TLS bridging) must present: a certificate the
/// machine trusts, or one signed by Tls:BackendCaPath (nginx's
/// proxy_ssl_trusted_certificate). Never "accept anything".
/// </summary>
public sealed class BackendCaTrust : CaTrust
{
    public BackendCaTrust(IOptions<TlsOptions> options)
    {
        if (options.Value.BackendCaPath is { } path)
        {
            Add(PemCertificates.LoadPublic(path, "Tls:BackendCaPath"));
        }
    }
}
