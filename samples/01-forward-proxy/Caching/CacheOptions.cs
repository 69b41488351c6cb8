namespace Samples.ForwardProxy;

/// <summary>
/// The cache's switches and bounds (section ForwardProxy:Cache), bound with the
/// rest of the section and checked at start-up, so that a bad value stops the
/// sample with a line that names the key.
/// </summary>
public sealed record CacheOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>How many responses (each variant of a URI counts once) the cache keeps at most.</summary>
    public int MaxEntries { get; set; } = 10_000;

    /// <summary>How many bytes (bodies plus header text) the cache keeps at most.</summary>
    public long MaxBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>The largest body the cache copies; a bigger one still streams to the client, unstored.</summary>
    public long MaxBodyBytes { get; set; } = 1024L * 1024;

    /// <summary>
    /// The cap on a heuristic lifetime (a tenth of the time since Last-Modified, RFC 9111 §4.2.2),
    /// like Squid's refresh_pattern max; zero turns heuristic freshness off.
    /// </summary>
    public TimeSpan MaxHeuristicLifetime { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// How long a miss waits for another request's fetch of the same URI (request collapsing,
    /// as nginx's proxy_cache_lock_timeout) before it goes to the origin alone; zero turns collapsing off.
    /// </summary>
    public TimeSpan CollapseTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Every mistake in the section, each naming its full key.</summary>
    public IEnumerable<string> Problems(string section)
    {
        foreach (var (name, value, max) in new[] { (nameof(MaxEntries), (long)MaxEntries, (long)int.MaxValue), (nameof(MaxBytes), MaxBytes, long.MaxValue), (nameof(MaxBodyBytes), MaxBodyBytes, long.MaxValue) })
        {
            if (value <= 0)
            {
                yield return $"{section}:{name}: '{value}' must be a whole number above zero (at most {max})";
            }
        }

        foreach (var (name, value) in new[] { (nameof(MaxHeuristicLifetime), MaxHeuristicLifetime), (nameof(CollapseTimeout), CollapseTimeout) })
        {
            if (value < TimeSpan.Zero)
            {
                yield return $"{section}:{name}: '{value}' is negative; give a time span such as 00:00:05, or 00:00:00 to turn it off";
            }
        }

        if (MaxBytes > 0 && MaxBodyBytes > MaxBytes)
        {
            yield return $"{section}:{nameof(MaxBodyBytes)}: {MaxBodyBytes} is more than Cache:MaxBytes ({MaxBytes}); a body that size could never be kept";
        }
    }
}
