namespace Samples.OcelotGateway.RateLimiterPolicies;

/// <summary>
/// A route limited by a named ASP.NET Core rate-limiter policy, and how its
/// refusals look: the status, message and headers of the route's and
/// GlobalConfiguration's RateLimitOptions, as for Ocelot's own limiter.
/// </summary>
public sealed record PolicyRateLimit(string PolicyName)
{
    /// <summary>The body of a refusal when RateLimitOptions give no QuotaMessage.</summary>
    public const string DefaultQuotaMessage = "API calls quota exceeded!";

    public int StatusCode { get; init; } = StatusCodes.Status429TooManyRequests;

    public string QuotaMessage { get; init; } = DefaultQuotaMessage;

    /// <summary>Retry-After on a refusal, when the limiter knows when to come back.</summary>
    public bool EnableHeaders { get; init; } = true;
}
