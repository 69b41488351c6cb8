namespace Samples.OcelotGateway.Configuration.FileModel;

/// <summary>"CacheOptions" (or the deprecated "FileCacheOptions"), as written.</summary>
public sealed class FileCacheOptions : FileObject
{
    public int? TtlSeconds { get; init; }

    public string? Region { get; init; }

    public string? Header { get; init; }

    public bool? EnableContentHashing { get; init; }
}
