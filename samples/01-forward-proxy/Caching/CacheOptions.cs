using System.Globalization;
using Samples.Scaffolding;

namespace Samples.ForwardProxy.Caching;

/// <summary>
/// The cache's switches and bounds (section ForwardProxy:Cache), read and
/// checked once at start-up so that a bad value stops the sample with a line
/// that names the key.
/// </summary>
public sealed record CacheOptions
{
    public bool Enabled { get; init; } = true;

    /// <summary>How many responses (each variant of a URI counts once) the cache keeps at most.</summary>
    public int MaxEntries { get; init; } = 10_000;

    /// <summary>How many bytes (bodies plus header text) the cache keeps at most.</summary>
    public long MaxBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>The largest body the cache copies; a bigger one still streams to the client, unstored.</summary>
    public long MaxBodyBytes { get; init; } = 1024L * 1024;

    public static CacheOptions Read(IConfiguration forwardProxySection)
    {
        var section = forwardProxySection.GetSection("Cache");
        var defaults = new CacheOptions();
        var options = new CacheOptions
        {
            Enabled = ReadBool(section, nameof(Enabled), defaults.Enabled),
            MaxEntries = (int)ReadPositive(section, nameof(MaxEntries), defaults.MaxEntries, int.MaxValue),
            MaxBytes = ReadPositive(section, nameof(MaxBytes), defaults.MaxBytes, long.MaxValue),
            MaxBodyBytes = ReadPositive(section, nameof(MaxBodyBytes), defaults.MaxBodyBytes, long.MaxValue),
        };

        if (options.MaxBodyBytes > options.MaxBytes)
        {
            throw StartupException.ForKey(
                KeyOf(section, nameof(MaxBodyBytes)),
                $"{options.MaxBodyBytes} is more than Cache:MaxBytes ({options.MaxBytes}); a body that size could never be kept");
        }

        return options;
    }

    private static bool ReadBool(IConfigurationSection section, string name, bool fallback)
    {
        var text = section[name];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return bool.TryParse(text, out var value)
            ? value
            : throw StartupException.ForKey(KeyOf(section, name), $"'{text}' is not true or false");
    }

    private static long ReadPositive(IConfigurationSection section, string name, long fallback, long max)
    {
        var text = section[name];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (!long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value <= 0 || value > max)
        {
            throw StartupException.ForKey(KeyOf(section, name), $"'{text}' must be a whole number above zero (at most {max})");
        }

        return value;
    }

    private static string KeyOf(IConfigurationSection section, string name) => $"{section.Path}:{name}";
}
