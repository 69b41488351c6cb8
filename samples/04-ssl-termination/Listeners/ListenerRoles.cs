using System.Net;
using Microsoft.Extensions.Options;

namespace Samples.SslTermination;

/// <summary>
/// Which listening port plays which part. Every address comes from configuration
/// and tests listen on port 0, so the roles are settled from the ports Kestrel
/// actually bound, once the server has started (see <see cref="ListenerStartup"/>):
/// the first HTTPS address is where plain HTTP redirects to, and the mutual-TLS
/// address (added last) asks for client certificates.
/// </summary>
public sealed class ListenerRoles
{
    private volatile int _mutualTlsPort;
    private volatile bool _resolved;

    public ListenerRoles(IOptions<TlsOptions> options)
    {
        MutualTlsUrl = options.Value.MutualTlsEnabled ? options.Value.MutualTlsUrl : null;
        if (MutualTlsUrl is not null && TlsOptions.ParseListenUrl(MutualTlsUrl)?.Port is > 0 and var port)
        {
            // A fixed port is known before start, so even the first handshake is sorted right.
            _mutualTlsPort = port;
            _resolved = true;
        }
    }

    /// <summary>The mutual-TLS listen address as configured (Tls:MutualTlsUrl), or null when it is off.</summary>
    public string? MutualTlsUrl { get; }

    public bool MutualTlsEnabled => MutualTlsUrl is not null;

    /// <summary>The first HTTPS address (not the mutual-TLS one), with its real port.</summary>
    public Uri? Https { get; private set; }

    /// <summary>The first plain-HTTP (redirecting) address with its real port, if any.</summary>
    public Uri? PlainHttp { get; private set; }

    /// <summary>The mutual-TLS address with its real port, when enabled.</summary>
    public Uri? MutualTls { get; private set; }

    /// <summary>Settles the roles from the addresses Kestrel reports, in the order they were configured.</summary>
    public void Resolve(IReadOnlyList<string> boundAddresses)
    {
        var uris = boundAddresses.Select(a => new Uri(a)).ToList();
        if (MutualTlsEnabled)
        {
            MutualTls = _mutualTlsPort > 0 ? uris.Last(u => u.Port == _mutualTlsPort) : uris[^1];
            _mutualTlsPort = MutualTls.Port;
        }

        Https = uris.First(u => u.Scheme == Uri.UriSchemeHttps && u != MutualTls);
        PlainHttp = uris.FirstOrDefault(u => u.Scheme == Uri.UriSchemeHttp);
        _resolved = true;
    }

    /// <summary>
    /// True for a connection that arrived on the mutual-TLS port. While a port-0
    /// listener's real port is still unknown (the moments between bind and
    /// <see cref="Resolve"/>), it answers true: fail closed, never open.
    /// </summary>
    public bool RequiresClientCertificate(EndPoint? local)
    {
        if (!MutualTlsEnabled)
        {
            return false;
        }

        return !_resolved || (local is IPEndPoint ip && ip.Port == _mutualTlsPort);
    }
}
