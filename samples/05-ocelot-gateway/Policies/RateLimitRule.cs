namespace Samples.OcelotGateway.Policies;

/// <summary>
/// One route's rate limit, in Ocelot's terms: at most <see cref="Limit"/>
/// requests per <see cref="Period"/> for each client; a client that goes over
/// is refused for <see cref="Wait"/> (or until the window ends when Wait is zero).
/// </summary>
public sealed record RateLimitRule
{
    public const string DefaultClientIdHeader = "Oc-Client";

    /// <summary>Ocelot's default message; {0} is the limit, {1} the period as written.</summary>
    public const string DefaultQuotaMessage = "API calls quota exceeded! maximum admitted {0} per {1}.";

    public required long Limit { get; init; }

    public required TimeSpan Period { get; init; }

    /// <summary>The period as the configuration wrote it ("1s"), for the quota message.</summary>
    public string PeriodText { get; init; } = "";

    public TimeSpan Wait { get; init; } = TimeSpan.Zero;

    public string ClientIdHeader { get; init; } = DefaultClientIdHeader;

    public IReadOnlyCollection<string> ClientWhitelist { get; init; } = [];

    public int StatusCode { get; init; } = StatusCodes.Status429TooManyRequests;

    public string QuotaMessage { get; init; } = DefaultQuotaMessage;

    public bool EnableHeaders { get; init; } = true;

    /// <summary>Prefix of the counters' keys, so two gateways sharing a store keep theirs apart.</summary>
    public string KeyPrefix { get; init; } = "ocelot";

    /// <summary>The quota message with Ocelot's placeholders filled in.</summary>
    /// (Plain replacement rather than string.Format, so a stray brace in the
    /// configuration cannot turn a refusal into a server error.)
    public string FormatQuotaMessage() => QuotaMessage
        .Replace("{0}", Limit.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{1}", string.IsNullOrEmpty(PeriodText) ? Period.ToString() : PeriodText, StringComparison.Ordinal);

    /// <summary>True when a counter kept under <paramref name="other"/> still counts the same way under this rule.</summary>
    public bool SameWindow(RateLimitRule other) => Limit == other.Limit && Period == other.Period && Wait == other.Wait;
}
