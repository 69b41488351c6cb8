namespace Samples.ForwardProxy;

/// <summary>ForwardProxy:Pac: what the PAC file at GET /proxy.pac tells browsers.</summary>
public sealed class PacOptions : ISettingsSection
{
    /// <summary>
    /// The patterns used when none are configured: the loopback names only, so that
    /// shop.localhost or 0.0.0.0 still go through the proxy where a client honours that.
    /// </summary>
    public static readonly IReadOnlyList<string> DefaultDirect = ["localhost", "127.0.0.1", "[::1]"];

    /// <summary>Host patterns (the filter's syntax) the PAC file sends DIRECT; a list given here replaces the default.</summary>
    public SettingList Direct { get; set; } = [];

    /// <summary>The patterns in force: the configured list, or <see cref="DefaultDirect"/>.</summary>
    public HostFilter DirectHosts()
    {
        if (Direct.Values().Any())
        {
            return HostFilter.From(Direct);
        }

        var defaults = new SettingList();
        defaults.AddRange(DefaultDirect);
        return HostFilter.From(defaults);
    }

    /// <summary>Every mistake in the section, each naming its full key.</summary>
    public IEnumerable<string> Problems(string section) =>
        HostFilter.Problems(Direct, $"{section}:Direct");
}
