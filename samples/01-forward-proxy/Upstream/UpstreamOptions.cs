namespace Samples.ForwardProxy;

/// <summary>
/// ForwardProxy:Upstream: a parent proxy to fetch through, as Squid's
/// "cache_peer host port 0 default" with "never_direct" for every host not in
/// <see cref="Bypass"/>. Without an address the proxy fetches directly.
/// </summary>
public sealed class UpstreamOptions : ISettingsSection
{
    /// <summary>The parent proxy, http://host:port; empty means no parent.</summary>
    public string? Address { get; set; }

    /// <summary>"user:password", sent to the parent as Basic Proxy-Authorization; empty means none.</summary>
    public string? Credentials { get; set; }

    /// <summary>Host patterns (the filter's syntax) fetched directly even with a parent.</summary>
    public SettingList Bypass { get; set; } = [];

    /// <summary>The parent's address, or null when none is configured (checked at start-up by <see cref="Problems"/>).</summary>
    public Uri? ParentAddress() =>
        string.IsNullOrWhiteSpace(Address) ? null : new Uri(Address.Trim(), UriKind.Absolute);

    /// <summary>The user name and password for the parent, or null when none are configured.</summary>
    public (string User, string Password)? UserPassword()
    {
        if (string.IsNullOrEmpty(Credentials))
        {
            return null;
        }

        var colon = Credentials.IndexOf(':', StringComparison.Ordinal);
        return (Credentials[..colon], Credentials[(colon + 1)..]);
    }

    /// <summary>Every mistake in the section, each naming its full key.</summary>
    public IEnumerable<string> Problems(string section)
    {
        if (!string.IsNullOrWhiteSpace(Address) && AddressProblem(Address.Trim()) is { } problem)
        {
            yield return $"{section}:Address: {problem}";
        }

        if (!string.IsNullOrEmpty(Credentials) && Credentials.IndexOf(':', StringComparison.Ordinal) <= 0)
        {
            yield return $"{section}:Credentials: expected 'user:password' with a non-empty user name";
        }

        foreach (var bypass in HostFilter.Problems(Bypass, $"{section}:Bypass"))
        {
            yield return bypass;
        }
    }

    private static string? AddressProblem(string address)
    {
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp || uri.Host.Length == 0)
        {
            return $"'{address}' is not a parent proxy address such as http://127.0.0.1:3128 (http://, a host and a port)";
        }

        // Not echoed: the value holds a password.
        if (uri.UserInfo.Length > 0)
        {
            return "the address carries a user name: put 'user:password' in ForwardProxy:Upstream:Credentials instead";
        }

        return uri.PathAndQuery != "/" || uri.Fragment.Length > 0
            ? $"'{address}' has a path or query: a proxy address is only http://host:port"
            : null;
    }
}
