using System.Globalization;
using System.Text.RegularExpressions;

namespace Samples.OcelotGateway.Configuration;

/// <summary>
/// "RateLimitOptions", on a route or in GlobalConfiguration (where RouteKeys
/// says which routes it covers; empty means every route). Values left out are
/// null, so a route's options can fall back to the global ones.
/// </summary>
public sealed partial record OcelotRateLimitOptions
{
    /// <summary>Header that names the client (Ocelot's default "Oc-Client").</summary>
    public string? ClientIdHeader { get; init; }

    public IReadOnlyList<string> ClientWhitelist { get; init; } = [];

    public bool? EnableRateLimiting { get; init; }

    /// <summary>X-RateLimit-* and Retry-After on answers (DisableRateLimitHeaders, inverted, in older files).</summary>
    public bool? EnableHeaders { get; init; }

    /// <summary>Requests allowed per Period.</summary>
    public long? Limit { get; init; }

    /// <summary>The fixed window ("1s", "5m", "1h", "1d", "500ms").</summary>
    public TimeSpan? Period { get; init; }

    /// <summary>How long a client that hit the limit must wait (PeriodTimespan, in seconds, in older files).</summary>
    public TimeSpan? Wait { get; init; }

    /// <summary>Status of a rejected request (Ocelot's default 429).</summary>
    public int? StatusCode { get; init; }

    /// <summary>Body of a rejected request; {0} is the limit, {1} the period (Ocelot's "maximum admitted {0} per {1}").</summary>
    public string? QuotaMessage { get; init; }

    public string? KeyPrefix { get; init; }

    /// <summary>RateLimitMiddlewareType "DotNet": the ASP.NET Core rate-limiter policy (Gateway:RateLimiterPolicies) that limits the route instead.</summary>
    public string? PolicyName { get; init; }

    /// <summary>Global options only: the route Keys they apply to.</summary>
    public IReadOnlyList<string> RouteKeys { get; init; } = [];

    /// <summary>A duration as Ocelot writes Period and Wait: a number and a unit ("500ms", "1s", "5m", "1h", "1d"); null when it is not one.</summary>
    public static TimeSpan? ParseDuration(string text)
    {
        var match = DurationPattern().Match(text.Trim());
        if (!match.Success)
        {
            return null;
        }

        var amount = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch
        {
            "ms" => TimeSpan.FromMilliseconds(amount),
            "s" => TimeSpan.FromSeconds(amount),
            "m" => TimeSpan.FromMinutes(amount),
            "h" => TimeSpan.FromHours(amount),
            _ => TimeSpan.FromDays(amount),
        };
    }

    [GeneratedRegex(@"^(\d+(?:\.\d+)?)(ms|s|m|h|d)$")]
    private static partial Regex DurationPattern();
}
