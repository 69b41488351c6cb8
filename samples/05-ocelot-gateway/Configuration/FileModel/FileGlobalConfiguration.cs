namespace Samples.OcelotGateway.Configuration.FileModel;

/// <summary>"GlobalConfiguration", as written.</summary>
public sealed class FileGlobalConfiguration : FileObject
{
    public string? BaseUrl { get; init; }

    public string? RequestIdKey { get; init; }

    public FileRateLimitOptions? RateLimitOptions { get; init; }

    public FileHttpHandlerOptions? HttpHandlerOptions { get; init; }
}
