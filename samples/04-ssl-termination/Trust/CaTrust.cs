using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Samples.SslTermination;

/// <summary>
/// "Signed by this CA" as a yes/no: builds the certificate's chain with only the
/// configured CA(s) as roots, the way nginx's ssl_client_certificate and
/// proxy_ssl_trusted_certificate do. Used for client certificates on the mTLS
/// listener and for HTTPS backends (TLS bridging). It never accepts just any
/// certificate: an empty trust list trusts nothing extra.
/// </summary>
public class CaTrust
{
    private static readonly Oid ClientAuth = new("1.3.6.1.5.5.7.3.2");
    private static readonly Oid ServerAuth = new("1.3.6.1.5.5.7.3.1");
    private readonly Lock _gate = new();
    private readonly List<X509Certificate2> _roots = [];

    public void Add(X509Certificate2 root)
    {
        lock (_gate)
        {
            _roots.Add(root);
        }
    }

    /// <summary>True when <paramref name="certificate"/> chains to one of the roots and may authenticate a client.</summary>
    public bool ValidatesClient(X509Certificate? certificate) => Chains(certificate, ClientAuth);

    /// <summary>
    /// The check for an HTTPS backend: what the machine already trusts passes;
    /// otherwise the chain must end at a configured CA. A wrong host name fails
    /// either way: the CA vouches for names, not for whoever holds a certificate.
    /// </summary>
    public bool ValidatesServer(X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        if ((errors & (SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateNotAvailable)) != 0)
        {
            return false;
        }

        return Chains(certificate, ServerAuth);
    }

    private bool Chains(X509Certificate? certificate, Oid usage)
    {
        if (certificate is null)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(usage);
        lock (_gate)
        {
            if (_roots.Count == 0)
            {
                return false;
            }

            chain.ChainPolicy.CustomTrustStore.AddRange(_roots.ToArray());
        }

        if (certificate is X509Certificate2 two)
        {
            return chain.Build(two);
        }

        using var copy = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return chain.Build(copy);
    }
}
