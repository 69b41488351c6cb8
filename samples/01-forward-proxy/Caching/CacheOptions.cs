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

        if (MaxBytes > 0 && MaxBodyBytes > MaxBytes)
        {
            yield return $"{section}:{nameof(MaxBodyBytes)}: {MaxBodyBytes} is more than Cache:MaxBytes ({MaxBytes}); a body that size could never be kept";
        }
    }
}
