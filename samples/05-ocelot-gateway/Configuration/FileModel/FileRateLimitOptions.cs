using System.Text.Json.Serialization;

namespace Samples.OcelotGateway.Configuration.FileModel;

/// <summary>"RateLimitOptions" of a route or of GlobalConfiguration, as written, deprecated names included.</summary>
public sealed class FileRateLimitOptions : FileObject
{
    public string? ClientIdHeader { get; init; }

    [JsonConverter(typeof(StringListConverter))]
    public List<string>? ClientWhitelist { get; init; }

    public bool? EnableRateLimiting { get; init; }

    public bool? EnableHeaders { get; init; }

    /// <summary>Deprecated: EnableHeaders with the opposite value.</summary>
    public bool? DisableRateLimitHeaders { get; init; }

    public int? Limit { get; init; }

    /// <summary>A duration such as "1s" or "5m".</summary>
    public string? Period { get; init; }

    /// <summary>A duration such as "10s".</summary>
    public string? Wait { get; init; }

    /// <summary>Deprecated: Wait as a number of seconds.</summary>
    public double? PeriodTimespan { get; init; }

    public int? StatusCode { get; init; }

    /// <summary>Deprecated name of StatusCode.</summary>
    public int? HttpStatusCode { get; init; }

    public string? QuotaMessage { get; init; }

    /// <summary>Deprecated name of QuotaMessage.</summary>
    public string? QuotaExceededMessage { get; init; }

    public string? KeyPrefix { get; init; }

    /// <summary>Deprecated name of KeyPrefix.</summary>
    public string? RateLimitCounterPrefix { get; init; }

    /// <summary>GlobalConfiguration only: the route Keys the options cover.</summary>
    [JsonConverter(typeof(StringListConverter))]
    public List<string>? RouteKeys { get; init; }
}
