using System.Text.Json;

namespace Samples.OcelotGateway.Configuration.FileModel;

/// <summary>"CacheOptions" (or the deprecated "FileCacheOptions").</summary>
public sealed record FileCacheOptions(int? TtlSeconds, string? Region, string? Header, bool? EnableContentHashing) : FileObject;

/// <summary>"QoSOptions": times in milliseconds, 0 meaning "not set"; TimeoutValue, ExceptionsAllowedBeforeBreaking and DurationOfBreak are the deprecated names.</summary>
public sealed record FileQoSOptions(
    int? Timeout, int? TimeoutValue, int? MinimumThroughput, int? ExceptionsAllowedBeforeBreaking,
    int? BreakDuration, int? DurationOfBreak, double? FailureRatio, int? SamplingDuration) : FileObject;

/// <summary>
/// "RateLimitOptions" of a route or of GlobalConfiguration (RouteKeys: global only).
/// Deprecated names: DisableRateLimitHeaders (EnableHeaders inverted), PeriodTimespan
/// (Wait in seconds), HttpStatusCode, QuotaExceededMessage, RateLimitCounterPrefix.
/// Period and Wait are durations such as "1s" or "5m". RateLimitMiddlewareType
/// "DotNet" hands the route to the ASP.NET Core rate-limiter policy named by
/// RateLimitPolicyName instead of Ocelot's own fixed window.
/// </summary>
public sealed record FileRateLimitOptions(
    string? ClientIdHeader, List<string>? ClientWhitelist, bool? EnableRateLimiting, bool? EnableHeaders, bool? DisableRateLimitHeaders,
    int? Limit, string? Period, string? Wait, double? PeriodTimespan, int? StatusCode, int? HttpStatusCode,
    string? QuotaMessage, string? QuotaExceededMessage, string? KeyPrefix, string? RateLimitCounterPrefix, List<string>? RouteKeys,
    string? RateLimitMiddlewareType, string? RateLimitPolicyName) : FileObject;

/// <summary>"HttpHandlerOptions". The tuning keys (any value) are read only to be named in a warning.</summary>
public sealed record FileHttpHandlerOptions(
    bool? AllowAutoRedirect, bool? UseCookieContainer,
    JsonElement? UseTracing, JsonElement? UseProxy, JsonElement? MaxConnectionsPerServer, JsonElement? PooledConnectionLifetimeSeconds,
    JsonElement? UseDefaultCredentials) : FileObject;
