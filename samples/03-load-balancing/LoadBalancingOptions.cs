using System.Globalization;
using Samples.Scaffolding;

namespace Samples.LoadBalancing;

/// <summary>
/// The sample's own switches (section "LoadBalancing"). Everything about
/// routes, clusters, policies and health checks stays in YARP's "ReverseProxy"
/// section; these cover only what YARP does not do by itself.
/// </summary>
public sealed record LoadBalancingOptions
{
    public const string Section = "LoadBalancing";

    /// <summary>Retry an idempotent request once on another destination when the first one fails before answering.</summary>
    public bool RetryIdempotentRequests { get; init; } = true;

    /// <summary>Add X-Destination (the id of the destination that answered) to every proxied response.</summary>
    public bool ExposeDestination { get; init; } = true;

    /// <summary>
    /// The largest request body the proxy keeps in memory so that it can send
    /// it a second time; a bigger (or unsized) body is forwarded without a retry.
    /// </summary>
    public long MaxRetryBodyBytes { get; init; } = 1024 * 1024;

    /// <summary>Reads the section strictly: a value that does not parse stops start-up naming its key.</summary>
    public static LoadBalancingOptions FromConfiguration(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var defaults = new LoadBalancingOptions();

        // YARP binds these two itself (they tune its passive check); check them here so a typo names its key.
        RequireValid(section, "TransportFailureRate:DetectionWindowSize", raw => TimeSpan.TryParse(raw, CultureInfo.InvariantCulture, out var t) && t > TimeSpan.Zero, "a positive time span such as 00:00:10");
        RequireValid(section, "TransportFailureRate:MinimalTotalCountThreshold", raw => int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1, "a whole number of at least 1");

        return new LoadBalancingOptions
        {
            RetryIdempotentRequests = ReadBool(section, nameof(RetryIdempotentRequests), defaults.RetryIdempotentRequests),
            ExposeDestination = ReadBool(section, nameof(ExposeDestination), defaults.ExposeDestination),
            MaxRetryBodyBytes = ReadBytes(section, nameof(MaxRetryBodyBytes), defaults.MaxRetryBodyBytes),
        };
    }

    private static void RequireValid(IConfigurationSection section, string key, Func<string, bool> valid, string expected)
    {
        var raw = section[key];
        if (raw is not null && !valid(raw))
        {
            throw StartupException.ForKey($"{Section}:{key}", $"'{raw}' is not {expected}");
        }
    }

    private static bool ReadBool(IConfigurationSection section, string key, bool fallback)
    {
        var raw = section[key];
        if (string.IsNullOrWhiteSpace(raw))
        {
            return fallback;
        }

        return bool.TryParse(raw, out var value)
            ? value
            : throw StartupException.ForKey($"{Section}:{key}", $"'{raw}' is not true or false");
    }

    private static long ReadBytes(IConfigurationSection section, string key, long fallback)
    {
        var raw = section[key];
        if (string.IsNullOrWhiteSpace(raw))
        {
            return fallback;
        }

        const long Max = 100L * 1024 * 1024;
        return long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value <= Max
            ? value
            : throw StartupException.ForKey($"{Section}:{key}", $"'{raw}' is not a byte count from 0 to {Max}");
    }
}
