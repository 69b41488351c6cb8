using Microsoft.Extensions.Options;

namespace Samples.ForwardProxy;

/// <summary>
/// The ports a CONNECT tunnel may reach: ForwardProxy:AllowedConnectPorts (443
/// when none is given), as Squid's "SSL_ports" ACL. Without such a list a proxy
/// is an open relay to any TCP service (mail, SSH, databases). Whoever runs
/// local HTTPS servers beside the proxy (the demo does) may add their ports
/// before the proxy starts.
/// </summary>
public sealed class ConnectPorts(IOptions<ForwardProxyOptions> options)
{
    private readonly SortedSet<int> _added = [];
    private IReadOnlySet<int>? _configured;

    // Read on first use, not at construction: the options are checked when the app starts.
    private IReadOnlySet<int> Configured => _configured ??= options.Value.ConnectPorts();

    /// <summary>Every allowed port, in order (for the 403 that names the rule).</summary>
    public IReadOnlyCollection<int> All
    {
        get
        {
            lock (_added)
            {
                return [.. Configured.Union(_added).Order()];
            }
        }
    }

    public bool Allows(int port)
    {
        if (Configured.Contains(port))
        {
            return true;
        }

        lock (_added)
        {
            return _added.Contains(port);
        }
    }

    /// <summary>Allows one more port, beside the configured ones.</summary>
    public void Allow(int port)
    {
        lock (_added)
        {
            _added.Add(port);
        }
    }
}
