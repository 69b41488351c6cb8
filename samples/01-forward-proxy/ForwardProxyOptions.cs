using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using Samples.Scaffolding;

namespace Samples.ForwardProxy;

/// <summary>How much of the client the origin gets to see.</summary>
public enum AnonymityLevel
{
    /// <summary>The client's address goes on in X-Forwarded-For, and Via says a proxy was used.</summary>
    Transparent,

    /// <summary>Every client-identifying header is removed; Via still says a proxy was used.</summary>
    Anonymous,

    /// <summary>Nothing identifies the client, and nothing says a proxy was used.</summary>
    Elite,
}

/// <summary>
/// The "ForwardProxy" configuration section, read and checked once at start-up.
/// It is parsed by hand rather than bound, for two reasons: a mistake must stop
/// start-up with a message naming the exact key (ForwardProxy:Filter:BlockedHosts:2),
/// and a list given in configuration must replace a default list, where the
/// binder would append to it.
/// </summary>
public sealed class ForwardProxyOptions
{
    public const string SectionName = "ForwardProxy";

    public AnonymityLevel Anonymity { get; private init; } = AnonymityLevel.Anonymous;

    public IReadOnlyList<string> RemoveRequestHeaders { get; private init; } = [];

    public HostFilter BlockedHosts { get; private init; } = new([]);

    public UrlFilter BlockedUrlPatterns { get; private init; } = new([]);

    /// <summary>Ports a CONNECT may reach. Mutable so that the demo can allow its HTTPS origin's port.</summary>
    public ISet<int> AllowedConnectPorts { get; private init; } = new SortedSet<int> { 443 };

    public TimeSpan UpstreamTimeout { get; private init; } = TimeSpan.FromSeconds(30);

    /// <summary>user name → password; empty means the proxy asks nobody for credentials.</summary>
    public IReadOnlyDictionary<string, string> Users { get; private init; } = new Dictionary<string, string>();

    /// <summary>HttpsInspection:Enabled: decrypt tunnels to <see cref="InspectedHosts"/> with the proxy's own root CA.</summary>
    public bool InspectionEnabled { get; private init; }

    /// <summary>HttpsInspection:Hosts, in the same pattern syntax as the host filter; other tunnels stay blind.</summary>
    public HostFilter InspectedHosts { get; private init; } = new([]);

    /// <summary>HttpsInspection:TrustedOriginCaPath, loaded: an extra CA trusted for origins' certificates, beside the system's.</summary>
    public X509Certificate2? TrustedOriginCa { get; private init; }

    /// <summary>
    /// Reads and validates the section; throws <see cref="StartupException"/> naming the key on any mistake.
    /// Relative file paths are taken from <paramref name="contentRoot"/> (the sample's folder under dotnet run).
    /// </summary>
    public static ForwardProxyOptions Load(IConfiguration section, string? contentRoot = null)
    {
        var anonymity = AnonymityLevel.Anonymous;
        var anonymityValue = section["Anonymity"];
        if (!string.IsNullOrWhiteSpace(anonymityValue))
        {
            if (!Enum.TryParse(anonymityValue.Trim(), ignoreCase: true, out anonymity)
                || !Enum.IsDefined(anonymity)
                || char.IsDigit(anonymityValue.Trim()[0]))
            {
                throw StartupException.ForKey($"{SectionName}:Anonymity", $"'{anonymityValue}' is not one of {string.Join(", ", Enum.GetNames<AnonymityLevel>())}");
            }
        }

        var removeHeaders = new List<string>();
        foreach (var (key, value) in ReadList(section, "RemoveRequestHeaders"))
        {
            if (value.Length == 0 || !value.All(IsTokenChar))
            {
                throw StartupException.ForKey(key, $"'{value}' is not a header name");
            }

            removeHeaders.Add(value);
        }

        var hostPatterns = new List<string>();
        foreach (var (key, value) in ReadList(section, "Filter:BlockedHosts"))
        {
            if (!HostFilter.TryNormalize(value, out var normalized, out var problem))
            {
                throw StartupException.ForKey(key, problem);
            }

            hostPatterns.Add(normalized);
        }

        var urlPatterns = new List<Regex>();
        foreach (var (key, value) in ReadList(section, "Filter:BlockedUrlPatterns"))
        {
            try
            {
                urlPatterns.Add(UrlFilter.Compile(value));
            }
            catch (ArgumentException ex)
            {
                throw StartupException.ForKey(key, $"'{value}' is not a valid regular expression ({ex.Message})");
            }
        }

        var ports = new SortedSet<int>();
        var portList = ReadList(section, "AllowedConnectPorts");
        foreach (var (key, value) in portList)
        {
            if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
            {
                throw StartupException.ForKey(key, $"'{value}' is not a TCP port (1-65535)");
            }

            ports.Add(port);
        }

        if (portList.Count == 0)
        {
            ports.Add(443);
        }

        var timeout = TimeSpan.FromSeconds(30);
        var timeoutValue = section["UpstreamTimeout"];
        if (!string.IsNullOrWhiteSpace(timeoutValue)
            && (!TimeSpan.TryParse(timeoutValue, CultureInfo.InvariantCulture, out timeout) || timeout <= TimeSpan.Zero))
        {
            throw StartupException.ForKey($"{SectionName}:UpstreamTimeout", $"'{timeoutValue}' is not a positive time span such as 00:00:30");
        }

        var users = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in ReadList(section, "Authentication:Users"))
        {
            var colon = value.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw StartupException.ForKey(key, "expected 'user:password' with a non-empty user name");
            }

            users[value[..colon]] = value[(colon + 1)..];
        }

        var inspectionValue = section["HttpsInspection:Enabled"];
        var inspection = false;
        if (!string.IsNullOrWhiteSpace(inspectionValue) && !bool.TryParse(inspectionValue, out inspection))
        {
            throw StartupException.ForKey($"{SectionName}:HttpsInspection:Enabled", $"'{inspectionValue}' is not true or false");
        }

        var inspectedHosts = new List<string>();
        foreach (var (key, value) in ReadList(section, "HttpsInspection:Hosts"))
        {
            if (!HostFilter.TryNormalize(value, out var normalized, out var problem))
            {
                throw StartupException.ForKey(key, problem);
            }

            inspectedHosts.Add(normalized);
        }

        X509Certificate2? trustedOriginCa = null;
        var caPath = section["HttpsInspection:TrustedOriginCaPath"];
        if (!string.IsNullOrWhiteSpace(caPath))
        {
            var fullPath = Path.GetFullPath(caPath, contentRoot ?? Directory.GetCurrentDirectory());
            try
            {
                trustedOriginCa = X509Certificate2.CreateFromPem(File.ReadAllText(fullPath));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
            {
                throw StartupException.ForKey($"{SectionName}:HttpsInspection:TrustedOriginCaPath", $"cannot read a PEM certificate from '{fullPath}' ({ex.Message})");
            }
        }

        return new ForwardProxyOptions
        {
            InspectionEnabled = inspection,
            InspectedHosts = new HostFilter(inspectedHosts),
            TrustedOriginCa = trustedOriginCa,
            Anonymity = anonymity,
            RemoveRequestHeaders = removeHeaders,
            BlockedHosts = new HostFilter(hostPatterns),
            BlockedUrlPatterns = new UrlFilter(urlPatterns),
            AllowedConnectPorts = ports,
            UpstreamTimeout = timeout,
            Users = users,
        };
    }

    // A list key may be a JSON array (children 0, 1, ...) or, for the command
    // line and environment variables, one comma-separated value.
    private static List<(string Key, string Value)> ReadList(IConfiguration section, string name)
    {
        var list = section.GetSection(name);
        var key = $"{SectionName}:{name}";
        if (!string.IsNullOrWhiteSpace(list.Value))
        {
            return [.. list.Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(v => (key, v))];
        }

        return [.. list.GetChildren()
            .Where(c => !string.IsNullOrWhiteSpace(c.Value))
            .Select(c => ($"{key}:{c.Key}", c.Value!.Trim()))];
    }

    private static bool IsTokenChar(char c) =>
        char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal);
}
