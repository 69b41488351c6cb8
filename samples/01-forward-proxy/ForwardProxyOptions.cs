using System.Globalization;
using Microsoft.Extensions.Options;
using Samples.Scaffolding;

namespace Samples.ForwardProxy;

/// <summary>
/// The "ForwardProxy" configuration section, bound by the configuration binder
/// and checked once at start-up by <see cref="ForwardProxyOptionsValidator"/>:
/// a mistake stops the sample with one line naming the full key
/// (ForwardProxy:Filter:BlockedHosts:2). The parts of the concept keep their own
/// sub-sections (Filter, Authentication, Cache, HttpsInspection, Upstream, Pac) in their folders.
/// </summary>
public sealed class ForwardProxyOptions : ISettingsSection
{
    public const string SectionName = "ForwardProxy";

    /// <summary>How much of the client the origin gets to see (Anonymity/).</summary>
    public AnonymityLevel Anonymity { get; set; } = AnonymityLevel.Anonymous;

    /// <summary>Extra request headers to strip, e.g. User-Agent, Referer, Cookie.</summary>
    public SettingList RemoveRequestHeaders { get; set; } = [];

    public FilterOptions Filter { get; set; } = new();

    /// <summary>Ports a CONNECT may reach; empty means the default, 443 only (Tunnel/).</summary>
    public SettingList AllowedConnectPorts { get; set; } = [];

    /// <summary>How long to wait for an origin (to accept a connection, for its response headers) before 504.</summary>
    public TimeSpan UpstreamTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public ProxyAuthenticationOptions Authentication { get; set; } = new();

    public CacheOptions Cache { get; set; } = new();

    public InspectionOptions HttpsInspection { get; set; } = new();

    /// <summary>A parent proxy to fetch through (Upstream/).</summary>
    public UpstreamOptions Upstream { get; set; } = new();

    /// <summary>The PAC file at GET /proxy.pac (Pac/).</summary>
    public PacOptions Pac { get; set; } = new();

    /// <summary>The ports a CONNECT may reach, as numbers: the configured list, or 443 when none is given.</summary>
    public IReadOnlySet<int> ConnectPorts() =>
        AllowedConnectPorts.Values().Any()
            ? new SortedSet<int>(AllowedConnectPorts.Values().Select(p => int.Parse(p, NumberStyles.None, CultureInfo.InvariantCulture)))
            : new SortedSet<int> { 443 };
}

/// <summary>Wiring for the proxy's settings.</summary>
public static class ForwardProxyOptionsExtensions
{
    /// <summary>Binds the "ForwardProxy" section and checks it when the app starts (ValidateOnStart).</summary>
    public static IServiceCollection AddForwardProxyOptions(this IServiceCollection services)
    {
        services.AddOptions<ForwardProxyOptions>()
            .BindConfiguration(ForwardProxyOptions.SectionName)
            .PostConfigure<IConfiguration>((options, configuration) =>
            {
                var section = configuration.GetSection(ForwardProxyOptions.SectionName);
                RejectNumberedLevel(section[nameof(ForwardProxyOptions.Anonymity)]);
                SettingLists.ReadCommaSeparated(options, section);
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ForwardProxyOptions>>(sp =>
            new ForwardProxyOptionsValidator(sp.GetService<IHostEnvironment>()?.ContentRootPath));
        return services;
    }

    // The generated binder reads "1" as the second level, as Enum.Parse does; a level is written by its name.
    private static void RejectNumberedLevel(string? value)
    {
        if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
        {
            throw StartupException.ForKey($"{ForwardProxyOptions.SectionName}:{nameof(ForwardProxyOptions.Anonymity)}", $"'{value}' is not a valid {nameof(AnonymityLevel)} (Transparent, Anonymous or Elite)");
        }
    }
}

/// <summary>
/// Checks every key of the section and reports every mistake, each as
/// "Key: problem" with the full key, so one start-up lists them all.
/// Relative file paths are taken from the content root (the sample's folder under dotnet run).
/// </summary>
public sealed class ForwardProxyOptionsValidator(string? contentRoot) : IValidateOptions<ForwardProxyOptions>
{
    private const string Section = ForwardProxyOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, ForwardProxyOptions options)
    {
        var failures = new List<string>();
        foreach (var (key, value) in options.RemoveRequestHeaders.Entries($"{Section}:RemoveRequestHeaders"))
        {
            if (!value.All(IsTokenChar))
            {
                failures.Add($"{key}: '{value}' is not a header name");
            }
        }

        failures.AddRange(options.Filter.Problems($"{Section}:Filter"));
        foreach (var (key, value) in options.AllowedConnectPorts.Entries($"{Section}:AllowedConnectPorts"))
        {
            if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
            {
                failures.Add($"{key}: '{value}' is not a TCP port (1-65535)");
            }
        }

        if (options.UpstreamTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{Section}:UpstreamTimeout: '{options.UpstreamTimeout}' is not a positive time span such as 00:00:30");
        }

        failures.AddRange(options.Authentication.Problems($"{Section}:Authentication"));
        failures.AddRange(options.Cache.Problems($"{Section}:Cache"));
        failures.AddRange(options.HttpsInspection.Problems($"{Section}:HttpsInspection", contentRoot));
        failures.AddRange(options.Upstream.Problems($"{Section}:Upstream"));
        failures.AddRange(options.Pac.Problems($"{Section}:Pac"));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsTokenChar(char c) =>
        char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal);
}
