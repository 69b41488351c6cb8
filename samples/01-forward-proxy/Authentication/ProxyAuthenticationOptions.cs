namespace Samples.ForwardProxy;

/// <summary>ForwardProxy:Authentication: who may use the proxy.</summary>
public sealed class ProxyAuthenticationOptions : ISettingsSection
{
    /// <summary>"user:password" pairs; when any is set, every request needs Proxy-Authorization.</summary>
    public SettingList Users { get; set; } = [];

    /// <summary>user name → password; empty means the proxy asks nobody for credentials.</summary>
    public IReadOnlyDictionary<string, string> UserPasswords()
    {
        var users = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in Users.Values())
        {
            var colon = pair.IndexOf(':', StringComparison.Ordinal);
            users[pair[..colon]] = pair[(colon + 1)..];
        }

        return users;
    }

    /// <summary>Every mistake in the section, each naming its full key.</summary>
    public IEnumerable<string> Problems(string section) =>
        Users.Entries($"{section}:Users")
            .Where(entry => entry.Value.IndexOf(':', StringComparison.Ordinal) <= 0)
            .Select(entry => $"{entry.Key}: expected 'user:password' with a non-empty user name");
}
