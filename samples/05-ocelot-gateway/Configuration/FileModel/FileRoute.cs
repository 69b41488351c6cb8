namespace Samples.OcelotGateway.Configuration.FileModel;

/// <summary>One entry of "Routes", grouped as a request meets it: matching, forwarding, identity, headers, policies.</summary>
public sealed record FileRoute(
    string? UpstreamPathTemplate, List<string>? UpstreamHttpMethod, List<string>? UpstreamHost, string? Key, int? Priority,
    string? DownstreamPathTemplate, string? DownstreamScheme, List<FileHostAndPort?>? DownstreamHostAndPorts, FileLoadBalancerOptions? LoadBalancerOptions,
    FileAuthenticationOptions? AuthenticationOptions, Dictionary<string, string?>? RouteClaimsRequirement,
    Dictionary<string, string?>? AddHeadersToRequest, Dictionary<string, string?>? UpstreamHeaderTransform, Dictionary<string, string?>? DownstreamHeaderTransform, string? RequestIdKey,
    FileRateLimitOptions? RateLimitOptions, FileCacheOptions? CacheOptions, FileCacheOptions? FileCacheOptions, FileQoSOptions? QoSOptions, FileHttpHandlerOptions? HttpHandlerOptions,
    FileWebSocketOptions? WebSocket, bool? DangerousAcceptAnyServerCertificateValidator) : FileObject;

/// <summary>One "DownstreamHostAndPorts" entry.</summary>
public sealed record FileHostAndPort(string? Host, int? Port) : FileObject;

/// <summary>"LoadBalancerOptions" (Expiry in milliseconds).</summary>
public sealed record FileLoadBalancerOptions(string? Type, string? Key, int? Expiry) : FileObject;

/// <summary>"AuthenticationOptions"; AuthenticationProviderKey is the deprecated one-key form.</summary>
public sealed record FileAuthenticationOptions(List<string>? AuthenticationProviderKeys, List<string>? AuthenticationProviderKey, List<string>? AllowedScopes) : FileObject;

/// <summary>"WebSocket": the route's WebSocket relay (Ocelot 24.1 and later).</summary>
public sealed record FileWebSocketOptions(int? BufferSize) : FileObject;
