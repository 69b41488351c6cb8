namespace Samples.OcelotGateway.Configuration;

/// <summary>"GlobalConfiguration": settings for every route.</summary>
public sealed record OcelotGlobalConfiguration
{
    /// <summary>The gateway's public address, used by {BaseUrl}; when absent, the request's own scheme and host.</summary>
    public string? BaseUrl { get; init; }

    /// <summary>Header carrying the request id: propagated when the client sent one, created when not.</summary>
    public string? RequestIdKey { get; init; }

    public OcelotRateLimitOptions? RateLimitOptions { get; init; }
}
