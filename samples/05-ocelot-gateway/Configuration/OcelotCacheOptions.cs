namespace Samples.OcelotGateway.Configuration;

/// <summary>"CacheOptions" (FileCacheOptions in older files).</summary>
public sealed record OcelotCacheOptions
{
    public int TtlSeconds { get; init; }

    /// <summary>A name for clearing several routes' entries at once.</summary>
    public string? Region { get; init; }

    /// <summary>A request header whose value becomes part of the cache key.</summary>
    public string? Header { get; init; }

    /// <summary>Makes the request body part of the cache key.</summary>
    public bool? EnableContentHashing { get; init; }
}
