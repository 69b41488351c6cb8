using System.Text.Json.Serialization;

namespace Samples.OcelotGateway.Configuration.FileModel;

/// <summary>One entry of "Routes", as written. Lists accept a single string too, as configuration binding does.</summary>
public sealed class FileRoute : FileObject
{
    public string? UpstreamPathTemplate { get; init; }

    [JsonConverter(typeof(StringListConverter))]
    public List<string>? UpstreamHttpMethod { get; init; }

    [JsonConverter(typeof(StringListConverter))]
    public List<string>? UpstreamHost { get; init; }

    public string? DownstreamPathTemplate { get; init; }

    public string? DownstreamScheme { get; init; }

    public List<FileHostAndPort>? DownstreamHostAndPorts { get; init; }

    public string? Key { get; init; }

    public int? Priority { get; init; }

    public string? RequestIdKey { get; init; }

    public FileLoadBalancerOptions? LoadBalancerOptions { get; init; }

    public FileAuthenticationOptions? AuthenticationOptions { get; init; }

    public Dictionary<string, string?>? RouteClaimsRequirement { get; init; }

    public Dictionary<string, string?>? AddHeadersToRequest { get; init; }

    public Dictionary<string, string?>? UpstreamHeaderTransform { get; init; }

    public Dictionary<string, string?>? DownstreamHeaderTransform { get; init; }

    public FileRateLimitOptions? RateLimitOptions { get; init; }

    public FileCacheOptions? CacheOptions { get; init; }

    /// <summary>Deprecated name of CacheOptions.</summary>
    public FileCacheOptions? FileCacheOptions { get; init; }

    public FileQoSOptions? QoSOptions { get; init; }

    public FileHttpHandlerOptions? HttpHandlerOptions { get; init; }
}

/// <summary>One "DownstreamHostAndPorts" entry ("Port" may be written as a string, as configuration binding allows).</summary>
public sealed class FileHostAndPort : FileObject
{
    public string? Host { get; init; }

    public int? Port { get; init; }
}
